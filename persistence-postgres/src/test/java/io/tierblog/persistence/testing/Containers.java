package io.tierblog.persistence.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The Testcontainers PostgreSQL, kept in a class of its own so that TestDatabases works without
 * Testcontainers on the classpath (it looks for the classes before touching this one). Asking
 * Testcontainers whether Docker runs is slow and loud when it does not, so it is asked only when a
 * Docker socket or setting exists.
 */
final class Containers {
    static final String IMAGE = "postgres:17-alpine";

    private Containers() {
    }

    static boolean usable() {
        return dockerHinted() && DockerClientFactory.instance().isDockerAvailable();
    }

    static TestDatabases.Server start() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>(IMAGE);
        container.start();
        return new TestDatabases.Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                "Testcontainers " + IMAGE + " at " + container.getJdbcUrl(), false);
    }

    /** True when something says where a Docker daemon might listen. */
    static boolean dockerHinted() {
        for (String variable : List.of("DOCKER_HOST", "TESTCONTAINERS_HOST_OVERRIDE",
                "TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        Path home = Path.of(System.getProperty("user.home"));
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"), home.resolve(".colima/docker.sock"),
                home.resolve(".rd/docker.sock"), home.resolve(".orbstack/run/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        if (sockets.stream().anyMatch(Files::exists)) {
            return true;
        }
        Path settings = home.resolve(".testcontainers.properties");
        try {
            return Files.isRegularFile(settings)
                    && Files.readString(settings).matches("(?s).*(docker\\.host|tc\\.host).*");
        } catch (java.io.IOException unreadable) {
            return false;
        }
    }
}
