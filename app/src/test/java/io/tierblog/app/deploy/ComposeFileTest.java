package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.DatabaseUrl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml, interpolated with .env.example as compose does it, held to what the app reads and
 * serves. CI also runs {@code docker-compose config -q} on it (.ci/run), which checks the schema.
 */
class ComposeFileTest {
    static final Path ROOT = DeployFiles.root();
    static final Path COMPOSE = ROOT.resolve("compose.yaml");
    static final Path ENV_EXAMPLE = ROOT.resolve(".env.example");
    static final List<String> APP_SERVICES = List.of("app1", "app2");

    private final AppContract app = AppContract.load();
    private final Map<String, String> dotEnv = DeployFiles.envFile(ENV_EXAMPLE);
    private final Map<String, Object> compose = DeployFiles.compose(COMPOSE, dotEnv);
    private final Map<String, Object> services = DeployFiles.map(compose.get("services"), "services");

    /** An app service's environment, interpolated from the given .env values. */
    static Map<String, String> appEnvironment(Map<String, String> dotEnv, String service) {
        Map<String, Object> services = DeployFiles.map(DeployFiles.compose(COMPOSE, dotEnv).get("services"), "services");
        Map<String, String> env = new LinkedHashMap<>();
        DeployFiles.map(DeployFiles.map(services.get(service), service).get("environment"), "environment")
                .forEach((name, value) -> env.put(name, String.valueOf(value)));
        return env;
    }

    private Map<String, Object> service(String name) {
        return DeployFiles.map(services.get(name), "service " + name);
    }

    @Test
    void servicesAreTheDatabaseTwoInstancesAndNginx() {
        assertThat(services).containsOnlyKeys("db", "app1", "app2", "nginx");
        assertThat(DeployFiles.read(ROOT.resolve(".gitignore")).lines()).as(".env is never committed").contains(".env");
        for (String variable : DeployFiles.composeVariables(COMPOSE)) {
            String name = variable.replaceAll("[:?-]+$", "");
            if (variable.endsWith("?")) {
                assertThat(dotEnv).as(".env.example sets the required %s", name).containsKey(name);
            }
        }
    }

    @Test
    void databaseIsTheOfficialPostgresImageOnANamedVolumeWithAHealthCheckAndNoHostPort() {
        Map<String, Object> db = service("db");
        assertThat(db.get("image")).isEqualTo("postgres:17");
        assertThat(db).doesNotContainKey("ports");
        String volume = DeployFiles.list(db.get("volumes"), "db volumes").get(0).toString();
        assertThat(volume).endsWith(":/var/lib/postgresql/data");
        assertThat(DeployFiles.map(compose.get("volumes"), "volumes")).containsKey(volume.substring(0, volume.indexOf(':')));
        List<Object> test = DeployFiles.list(DeployFiles.map(db.get("healthcheck"), "healthcheck").get("test"), "test");
        assertThat(test).startsWith("CMD", "pg_isready");
        assertThat(db.get("restart")).isIn("always", "unless-stopped");
    }

    @Test
    void instancesAreBuiltFromTheDockerfileAndConfiguredWithNamesTheAppReads() {
        Map<String, Object> db = service("db");
        Map<String, Object> dbEnv = DeployFiles.map(db.get("environment"), "db environment");
        for (String name : APP_SERVICES) {
            Map<String, Object> service = service(name);
            assertThat(service.get("build")).isEqualTo(".");
            assertThat(service.get("restart")).isIn("always", "unless-stopped");
            assertThat(DeployFiles.map(DeployFiles.map(service.get("depends_on"), "depends_on").get("db"), "db"))
                    .containsEntry("condition", "service_healthy");

            Map<String, String> env = appEnvironment(dotEnv, name);
            assertThat(env.keySet()).allSatisfy(variable ->
                    assertThat(app.environmentVariables()).as("variables the app reads").contains(variable));
            assertThat(env.get("MICRONAUT_ENVIRONMENTS").split(",")).contains(AppContract.productionEnvironment());
            assertThat(env.get(AppContract.secretKeyVariable())).isEqualTo(dotEnv.get(AppContract.secretKeyVariable()))
                    .hasSizeGreaterThanOrEqualTo(AppContract.secretKeyMinLength());
            assertThat(env).containsEntry(app.httpPort().variable(), app.httpPort().defaultValue());

            DatabaseUrl url = DatabaseUrl.parse(env.get(AppContract.databaseUrlVariable()));
            assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/" + dbEnv.get("POSTGRES_DB"));
            assertThat(url.username()).contains(dbEnv.get("POSTGRES_USER").toString());
            assertThat(url.password()).contains(dbEnv.get("POSTGRES_PASSWORD").toString())
                    .contains(dotEnv.get("POSTGRES_PASSWORD"));

            Map<String, Object> network = DeployFiles.map(DeployFiles.map(compose.get("networks"), "networks")
                    .get(DeployFiles.list(service.get("networks"), "networks").get(0)), "network");
            Object subnet = DeployFiles.map(DeployFiles.list(DeployFiles.map(network.get("ipam"), "ipam").get("config"), "config")
                    .get(0), "ipam config").get("subnet");
            assertThat(env).as("nginx is on the compose network").containsEntry(app.trustedProxies().variable(), subnet.toString());
        }
    }

    /** Depends on the drain and the management port being in application.yml. */
    @Test
    void instancesGetLongerThanTheDrainToStopAndListenOnTheManagementPort() {
        for (String name : APP_SERVICES) {
            assertThat(DeployFiles.duration(service(name).get("stop_grace_period").toString()))
                    .isGreaterThan(app.shutdownGracePeriodDefault().plusSeconds(2));
            assertThat(appEnvironment(dotEnv, name))
                    .containsEntry(app.managementPort().variable(), app.managementPort().defaultValue());
        }
    }

    @Test
    void nginxTerminatesTlsWithTheProjectsConfigurationInFrontOfBothInstances() {
        Map<String, Object> nginx = service("nginx");
        assertThat(nginx.get("image").toString()).startsWith("nginx:");
        assertThat(DeployFiles.list(nginx.get("ports"), "ports")).containsExactlyInAnyOrder("80:80", "443:443");
        assertThat(DeployFiles.map(nginx.get("depends_on"), "depends_on")).containsOnlyKeys(APP_SERVICES.toArray(String[]::new));
        assertThat(DeployFiles.list(nginx.get("volumes"), "volumes")).containsExactlyInAnyOrder(
                "./deploy/nginx/tierblog.conf:/etc/nginx/conf.d/default.conf:ro",
                "./deploy/nginx/upstreams.compose.conf:/etc/nginx/tierblog/upstreams.conf:ro",
                "./var/tls:/etc/nginx/tierblog/tls:ro");

        Pattern server = Pattern.compile("server (\\S+):(\\d+) max_fails=0;");
        List<String> upstreams = DeployFiles.read(ROOT.resolve("deploy/nginx/upstreams.compose.conf")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertThat(upstreams).hasSameSizeAs(APP_SERVICES);
        for (int i = 0; i < upstreams.size(); i++) {
            Matcher matcher = server.matcher(upstreams.get(i));
            assertThat(matcher.matches()).as(upstreams.get(i)).isTrue();
            assertThat(matcher.group(1)).isEqualTo(APP_SERVICES.get(i));
            assertThat(matcher.group(2)).isEqualTo(appEnvironment(dotEnv, APP_SERVICES.get(i)).get(app.httpPort().variable()));
        }
    }

    /** Depends on deploy/nginx/tierblog.conf and self-signed-cert.sh, which come with the nginx configuration. */
    @Test
    void nginxMountsAreWhereTheProjectsConfigurationLooks() {
        // tierblog.conf reads these relative to nginx's configuration directory, /etc/nginx in the image.
        String conf = DeployFiles.read(ROOT.resolve("deploy/nginx/tierblog.conf"));
        assertThat(conf).containsPattern("include\\s+tierblog/upstreams\\.conf;")
                .containsPattern("ssl_certificate\\s+tierblog/tls/server\\.crt;")
                .containsPattern("ssl_certificate_key\\s+tierblog/tls/server\\.key;");
        assertThat(DeployFiles.read(ROOT.resolve("deploy/nginx/self-signed-cert.sh")))
                .contains("server.crt").contains("server.key");
    }
}
