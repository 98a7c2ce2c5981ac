package io.tierblog.app;

import io.tierblog.persistence.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The real application, started through its launcher, for end-to-end tests. */
final class TestApp implements AutoCloseable {
    /** A cheaper Argon2 cost so log-ins in tests take milliseconds; the algorithm is the real one. */
    static final Map<String, Object> FAST_HASHING = Map.of(
            "tierblog.password-hashing.memory-kib", 1024,
            "tierblog.password-hashing.iterations", 1);

    private final Launcher.Running running;
    private final int port;
    private final int managementPort;

    private TestApp(Launcher.Running running, int port, int managementPort) {
        this.running = running;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** The app on a test database, configured the way production is: through DATABASE_URL. */
    static TestApp onDatabase(TestDatabase database, Path dataDirectory) {
        return onDatabase(database, dataDirectory, Map.of());
    }

    /** The same, with extra configuration properties. */
    static TestApp onDatabase(TestDatabase database, Path dataDirectory, Map<String, Object> properties) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", databaseUrl(database));
        env.put("TIERBLOG_DATA_DIR", dataDirectory.toString());
        return start(env, properties);
    }

    static TestApp start(Map<String, String> env) {
        return start(env, Map.of());
    }

    /** The app with extra configuration properties, as {@code application.yml} or -D flags would set them. */
    static TestApp start(Map<String, String> env, Map<String, Object> properties) {
        int port = freePort();
        int managementPort = freePort();
        Map<String, Object> overrides = new HashMap<>(FAST_HASHING);
        overrides.putAll(properties);
        overrides.put("micronaut.server.port", port);
        overrides.put("endpoints.all.port", managementPort);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Launcher.Running running = new Launcher(env, quiet, quiet).serve(overrides);
        return new TestApp(running, port, managementPort);
    }

    /** A JDBC URL carrying its credentials, one of the forms DATABASE_URL accepts. */
    static String databaseUrl(TestDatabase database) {
        String url = database.jdbcUrl();
        String separator = url.contains("?") ? "&" : "?";
        StringBuilder withCredentials = new StringBuilder(url).append(separator)
                .append("user=").append(URLEncoder.encode(database.username(), StandardCharsets.UTF_8));
        if (database.password() != null && !database.password().isEmpty()) {
            withCredentials.append("&password=").append(URLEncoder.encode(database.password(), StandardCharsets.UTF_8));
        }
        return withCredentials.toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management port: detailed health and metrics. */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    Launcher.Running running() {
        return running;
    }

    @Override
    public void close() {
        running.close();
    }
}
