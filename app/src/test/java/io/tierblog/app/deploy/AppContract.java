package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.app.config.DataTier;
import io.tierblog.app.config.SecretKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What the application really serves and reads, taken from its own configuration
 * ({@code application.yml}), its code ({@link DataTier}, {@link SecretKey}), its build (the serve
 * profile's JVM settings in {@code app/pom.xml}) and the README's configuration table, so that the
 * deployment files are checked against the app rather than against a second copy of its names.
 */
final class AppContract {
    /** Micronaut's health endpoint and its two probes, and the Prometheus endpoint. */
    static final String LIVENESS_PATH = "/health/liveness";
    static final String READINESS_PATH = "/health/readiness";
    static final String HEALTH_PATH = "/health";
    static final String PROMETHEUS_PATH = "/prometheus";
    /** Where the shade plugin leaves the jar ({@code finalName} in app/pom.xml). */
    static final String JAR = "app/target/tierblog.jar";
    /** Read by the JVM's C library, not by the app: set by the deployment files for the JVM settings. */
    static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::([^}]*))?}");
    private static final Pattern README_ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)` \\|");

    private final Path root;
    private final Map<String, Object> applicationYml;

    private AppContract(Path root) {
        this.root = root;
        this.applicationYml = new Yaml().load(DeployFiles.read(root.resolve("app/src/main/resources/application.yml")));
    }

    static AppContract load() {
        return new AppContract(DeployFiles.root());
    }

    /** A {@code ${ENV:default}} placeholder of application.yml: the variable and its default. */
    record Setting(String property, String variable, String defaultValue) {
    }

    /** The placeholder behind a property of application.yml, failing when the property is not there. */
    Setting setting(String property) {
        Object value = applicationYml;
        for (String key : property.split("\\.")) {
            assertThat(value).as("application.yml has %s", property).isInstanceOf(Map.class);
            value = ((Map<?, ?>) value).get(key);
        }
        assertThat(value).as("application.yml sets %s", property).isNotNull();
        Matcher placeholder = PLACEHOLDER.matcher(value.toString());
        assertThat(placeholder.matches()).as("%s is read from the environment: %s", property, value).isTrue();
        return new Setting(property, placeholder.group(1), placeholder.group(2));
    }

    /** The public port's variable and default: {@code micronaut.server.port}. */
    Setting httpPort() {
        return setting("micronaut.server.port");
    }

    /** The management port's variable and default: {@code endpoints.all.port}. */
    Setting managementPort() {
        return setting("endpoints.all.port");
    }

    /** The drain on SIGTERM: {@code micronaut.lifecycle.graceful-shutdown.grace-period}. */
    Setting shutdownGracePeriod() {
        return setting("micronaut.lifecycle.graceful-shutdown.grace-period");
    }

    Setting migrateOnStart() {
        return setting("tierblog.data-tier.migrate-on-start");
    }

    Setting trustedProxies() {
        return setting("tierblog.web.trusted-proxies");
    }

    Setting poolSize() {
        return setting("datasources.default.maximum-pool-size");
    }

    Duration shutdownGracePeriodDefault() {
        return DeployFiles.duration(shutdownGracePeriod().defaultValue());
    }

    static String databaseUrlVariable() {
        return DataTier.DATABASE_URL;
    }

    static String secretKeyVariable() {
        return SecretKey.ENV;
    }

    static String dataDirVariable() {
        return DataTier.DATA_DIR;
    }

    static int secretKeyMinLength() {
        return SecretKey.MIN_LENGTH;
    }

    static String productionEnvironment() {
        return SecretKey.PRODUCTION;
    }

    /**
     * Every environment variable the app reads: the placeholders of application.yml, the names the
     * launcher reads in code, and the README's configuration table.
     */
    Set<String> environmentVariables() {
        Set<String> names = new TreeSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(DeployFiles.read(root.resolve("app/src/main/resources/application.yml")));
        while (placeholders.find()) {
            if (placeholders.group(1).matches("[A-Z][A-Z0-9_]*")) {
                names.add(placeholders.group(1));
            }
        }
        names.addAll(List.of(DataTier.DATABASE_URL, DataTier.MIGRATION_URL, DataTier.REPLICA_URL,
                DataTier.REPLICA_MAX_LAG, DataTier.DATA_DIR, DataTier.EMBEDDED_PORT, SecretKey.ENV));
        for (String line : DeployFiles.read(root.resolve("README.md")).split("\n")) {
            Matcher row = README_ROW.matcher(line);
            if (row.find()) {
                names.add(row.group(1));
            }
        }
        names.remove("TEST_DATABASE_URL");
        return names;
    }

    /**
     * The JVM settings the blog is measured and served with: the serve profile's java arguments in
     * app/pom.xml before {@code -jar}, and its environment variables.
     */
    List<String> jvmOptions() {
        String serve = serveProfile();
        List<String> options = new ArrayList<>();
        Matcher argument = Pattern.compile("<argument>([^<]*)</argument>").matcher(serve);
        while (argument.find() && !argument.group(1).equals("-jar")) {
            options.add(argument.group(1));
        }
        assertThat(options).as("the serve profile's JVM options").isNotEmpty().contains("-Xmx256m");
        return options;
    }

    Map<String, String> jvmEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher block = Pattern.compile("<environmentVariables>(.*?)</environmentVariables>", Pattern.DOTALL)
                .matcher(serveProfile());
        assertThat(block.find()).as("the serve profile sets environment variables").isTrue();
        Matcher variable = Pattern.compile("<([A-Z_]+)>([^<]*)</\\1>").matcher(block.group(1));
        while (variable.find()) {
            env.put(variable.group(1), variable.group(2));
        }
        return env;
    }

    /** The largest heap among JVM options, in MiB. */
    static long heapMiB(List<String> options) {
        return options.stream().filter(option -> option.startsWith("-Xmx"))
                .mapToLong(option -> DeployFiles.mebibytes(option.substring(4))).max()
                .orElseThrow(() -> new AssertionError("no -Xmx in " + options));
    }

    private String serveProfile() {
        String pom = DeployFiles.read(root.resolve("app/pom.xml"));
        Matcher profile = Pattern.compile("<profile>\\s*<id>serve</id>(.*?)</profile>", Pattern.DOTALL).matcher(pom);
        assertThat(profile.find()).as("app/pom.xml has the serve profile").isTrue();
        return profile.group(1);
    }

    Path root() {
        return root;
    }
}
