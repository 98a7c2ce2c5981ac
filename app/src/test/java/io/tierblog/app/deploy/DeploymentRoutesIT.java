package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar ({@code app/target/tierblog.jar}) started the way each deployment route starts
 * it, with that route's own command line and environment, taken from its files: the Kubernetes
 * migrate Job and Deployment, the image's archive-recording step, entrypoint and health check
 * (with compose.yaml's environment), and the systemd units with the example environment file.
 * Only what a real deployment gets from elsewhere is filled in: the database (a test schema),
 * the secret key where the files hold only a reference, and free ports in place of 8080 and 8081.
 */
class DeploymentRoutesIT {
    private static final String TEST_SECRET = "a test secret key that is long enough for HS256 signing";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final AppContract app = AppContract.load();
    private final Path jar = DeployFiles.root().resolve(AppContract.JAR);
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path work;

    /**
     * The pod started before the release step: live but not ready while migrations are pending (a
     * rollout waits, old pods keep serving); the migrate Job runs; the same pod turns ready.
     */
    @Test
    void kubernetesPodIsNotReadyUntilTheMigrateJobRanThenAnswersItsProbesAndStopsWithinTheGracePeriod() throws Exception {
        assertThat(jar).as("built by the package phase").isRegularFile();
        TestDatabase database = TestDatabases.freshSchema("k8s");
        Map<String, String> secretValues = Map.of("database-url", databaseUrl(database), "secret-key", TEST_SECRET);
        List<String> image = imageJvmCommand(null);

        Deployment deployment = KubernetesManifestsTest.deployment();
        Container container = KubernetesManifestsTest.onlyContainer(deployment.getSpec().getTemplate().getSpec());
        int http = freePort();
        int management = freePort();
        Map<String, String> ports = Map.of(app.httpPort().variable(), Integer.toString(http),
                app.managementPort().variable(), Integer.toString(management));
        Map<String, Integer> portsByName = Map.of("http", http, "management", management);
        Run pod = Run.start(work, "pod", command(image, container.getArgs()), containerEnv(container, secretValues, ports));
        try {
            pod.awaitStatus(url(portsByName, container.getStartupProbe()), 200, START_TIMEOUT);
            assertThat(status(url(portsByName, container.getLivenessProbe()))).isEqualTo(200);
            assertThat(status(url(portsByName, container.getReadinessProbe())))
                    .as("not ready while migrations are pending").isEqualTo(503);

            Container migrate = KubernetesManifestsTest.onlyContainer(
                    KubernetesManifestsTest.migrateJob().getSpec().getTemplate().getSpec());
            Run job = Run.start(work, "job", command(image, migrate.getArgs()), containerEnv(migrate, secretValues, Map.of()));
            assertThat(job.waitForExit(Duration.ofSeconds(60))).as("migrate's exit status:\n%s", job.output()).isZero();
            assertThat(job.output()).containsPattern("Applied [1-9]\\d* migration\\(s\\)");

            pod.awaitStatus(url(portsByName, container.getReadinessProbe()), 200, Duration.ofSeconds(20));
            assertThat(status(url(portsByName, container.getLivenessProbe()))).isEqualTo(200);
            assertThat(status("http://127.0.0.1:" + http + "/")).isEqualTo(200);
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations.get("prometheus.io/port")).isEqualTo(Integer.toString(
                    KubernetesManifestsTest.port(container, "management").getContainerPort()));
            assertThat(status("http://127.0.0.1:" + management + annotations.get("prometheus.io/path"))).isEqualTo(200);
            assertThat(status("http://127.0.0.1:" + http + annotations.get("prometheus.io/path")))
                    .as("the Service's port serves no metrics").isEqualTo(404);
        } finally {
            Duration stop = pod.stop();
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertThat(stop).as("SIGTERM to exit, idle").isLessThan(Duration.ofSeconds(grace).minusSeconds(5));
            assertThat(pod.exitValue()).as(pod.output()).isIn(0, 143);
        }
    }

    @Test
    void imageRecordsItsClassArchiveWithoutADatabaseThenServesWithItAndPassesItsHealthCheck() throws Exception {
        assertThat(jar).as("built by the package phase").isRegularFile();
        Path archive = work.resolve("tierblog.jsa");
        List<String> recording = new ArrayList<>(DockerfileTest.recordingArguments());
        recording.set(0, jar.toString());
        recording.set(1, archive.toString());
        List<String> record = new ArrayList<>(List.of("bash", script("record-class-archive.sh")));
        record.addAll(recording);
        Map<String, String> recordEnv = new LinkedHashMap<>(baseEnv());
        recordEnv.put("JAVA", java);
        recordEnv.put("RECORD_PORT", Integer.toString(freePort()));
        recordEnv.put("RECORD_MANAGEMENT_PORT", Integer.toString(freePort()));
        Run recorder = Run.start(work, "record", record, recordEnv);
        assertThat(recorder.waitForExit(Duration.ofSeconds(120))).as("recording:\n%s", recorder.output()).isZero();
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isGreaterThan(1_000_000L);

        TestDatabase database = TestDatabases.freshSchema("image");
        int http = freePort();
        int management = freePort();
        Map<String, String> env = new LinkedHashMap<>(baseEnv());
        env.putAll(DockerfileTest.environment());
        env.putAll(ComposeFileTest.appEnvironment(DeployFiles.envFile(ComposeFileTest.ENV_EXAMPLE), "app1"));
        env.put(AppContract.databaseUrlVariable(), databaseUrl(database));
        env.put(app.httpPort().variable(), Integer.toString(http));
        env.put(app.managementPort().variable(), Integer.toString(management));
        List<String> command = new ArrayList<>(imageJvmCommand(archive));
        // The archive must map: without it the JVM would start anyway, only slower.
        command.add(1, "-Xshare:on");
        command.addAll(DockerfileTest.instructions().stream().filter(i -> i.keyword().equals("CMD")).findFirst()
                .orElseThrow().execForm());
        Run container = Run.start(work, "container", command, env);
        try {
            container.awaitStatus("http://127.0.0.1:" + http + "/", 200, START_TIMEOUT);
            assertThat(container.output()).doesNotContain("shared archive").doesNotContain("[cds]");
            Map<String, String> checkEnv = new LinkedHashMap<>(baseEnv());
            checkEnv.put(app.managementPort().variable(), Integer.toString(management));
            List<String> healthcheck = new ArrayList<>(DockerfileTest.instructions().stream()
                    .filter(i -> i.keyword().equals("HEALTHCHECK")).findFirst().orElseThrow().execForm());
            healthcheck.set(1, script("healthcheck.sh"));
            assertThat(Run.start(work, "healthy", healthcheck, checkEnv).waitForExit(Duration.ofSeconds(10)))
                    .as("the image's health check on a serving instance").isZero();
            Map<String, String> wrongPort = new LinkedHashMap<>(checkEnv);
            wrongPort.put(app.managementPort().variable(), Integer.toString(http));
            List<String> missing = List.of("bash", script("healthcheck.sh"), "/no-such-endpoint");
            assertThat(Run.start(work, "not-found", missing, wrongPort).waitForExit(Duration.ofSeconds(10)))
                    .as("a 404 is not healthy").isNotZero();
        } finally {
            container.stop();
        }
        Map<String, String> checkEnv = new LinkedHashMap<>(baseEnv());
        checkEnv.put(app.managementPort().variable(), Integer.toString(management));
        assertThat(Run.start(work, "stopped", List.of("bash", script("healthcheck.sh")), checkEnv)
                .waitForExit(Duration.ofSeconds(10))).as("nothing listens any more").isNotZero();
    }

    @Test
    void systemdUnitsMigrateThenServeWithTheExampleEnvironment() throws Exception {
        assertThat(jar).as("built by the package phase").isRegularFile();
        TestDatabase database = TestDatabases.freshSchema("systemd");
        Path state = Files.createDirectories(work.resolve("var-lib-tierblog"));
        Map<String, String> env = new LinkedHashMap<>(baseEnv());
        DeployFiles.unitEnvironment(SystemdUnitTest.serverUnit()).forEach((name, value) ->
                env.put(name, value.replace("/var/lib/tierblog", state.toString())));
        env.putAll(SystemdUnitTest.envExample());
        env.put(AppContract.databaseUrlVariable(), databaseUrl(database));

        Run migrate = Run.start(work, "tierblog-migrate", unitCommand(SystemdUnitTest.migrateUnit(), state), env);
        assertThat(migrate.waitForExit(Duration.ofSeconds(60))).as("migrate:\n%s", migrate.output()).isZero();
        assertThat(migrate.output()).containsPattern("Applied [1-9]\\d* migration\\(s\\)");

        int http = freePort();
        int management = freePort();
        env.put(app.httpPort().variable(), Integer.toString(http));
        env.put(app.managementPort().variable(), Integer.toString(management));
        // The unit names a class archive that is recorded after installation; until then the JVM starts without it.
        Run server = Run.start(work, "tierblog", unitCommand(SystemdUnitTest.serverUnit(), state), env);
        Duration stop;
        try {
            server.awaitStatus("http://127.0.0.1:" + management + AppContract.READINESS_PATH, 200, START_TIMEOUT);
            assertThat(status("http://127.0.0.1:" + management + AppContract.LIVENESS_PATH)).isEqualTo(200);
            assertThat(status("http://127.0.0.1:" + http + "/")).isEqualTo(200);
        } finally {
            stop = server.stop();
        }
        Map<String, Map<String, List<String>>> unit = SystemdUnitTest.serverUnit();
        assertThat(stop).isLessThan(DeployFiles.duration(DeployFiles.single(unit, "Service", "TimeoutStopSec")));
        if (server.exitValue() != 0) {
            assertThat(DeployFiles.single(unit, "Service", "SuccessExitStatus").split(" "))
                    .as("exit status %d is a clean stop for systemd", server.exitValue())
                    .contains(Integer.toString(server.exitValue()));
        }
    }

    /** A unit's ExecStart with this JVM in place of /usr/bin/java and the paths under the test's directory. */
    private List<String> unitCommand(Map<String, Map<String, List<String>>> unit, Path state) {
        List<String> command = new ArrayList<>();
        for (String word : SystemdUnitTest.execStart(unit)) {
            command.add(word.replace("/usr/bin/java", java).replace("/opt/tierblog/tierblog.jar", jar.toString())
                    .replace("/var/lib/tierblog", state.toString()));
        }
        return command;
    }

    /** The image's entrypoint with this JVM and jar; its class archive replaced, or left out when null. */
    private List<String> imageJvmCommand(Path archive) {
        List<String> command = new ArrayList<>();
        for (String word : DockerfileTest.entrypoint()) {
            if (word.startsWith("-XX:SharedArchiveFile=")) {
                if (archive != null) {
                    command.add("-XX:SharedArchiveFile=" + archive);
                }
            } else {
                command.add(word.equals("java") ? java : word.replace("/app/tierblog.jar", jar.toString()));
            }
        }
        return command;
    }

    private static List<String> command(List<String> entrypoint, List<String> args) {
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(args);
        return command;
    }

    /**
     * The container's environment: its plain values as they are, its secret references filled
     * from the given values, and the port variables (which the manifest must set) moved to free ports.
     */
    private static Map<String, String> containerEnv(Container container, Map<String, String> secretValues,
            Map<String, String> ports) {
        Map<String, String> env = new LinkedHashMap<>(baseEnv());
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            } else {
                String key = variable.getValueFrom().getSecretKeyRef().getKey();
                assertThat(secretValues).as("a value for the Secret's %s", key).containsKey(key);
                env.put(variable.getName(), secretValues.get(key));
            }
        }
        ports.forEach((name, port) -> {
            assertThat(env).as("the manifest sets %s", name).containsKey(name);
            env.put(name, port);
        });
        return env;
    }

    private static String url(Map<String, Integer> portsByName, Probe probe) {
        HTTPGetAction get = probe.getHttpGet();
        Integer port = portsByName.get(get.getPort().getStrVal());
        assertThat(port).as("probe port %s", get.getPort()).isNotNull();
        return "http://127.0.0.1:" + port + get.getPath();
    }

    /** What every process gets besides the route's own variables: a PATH and a home of its own. */
    private static Map<String, String> baseEnv() {
        return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", System.getProperty("java.io.tmpdir"));
    }

    private static String script(String name) {
        return DeployFiles.root().resolve("deploy/docker").resolve(name).toString();
    }

    static int status(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String databaseUrl(TestDatabase database) {
        String url = database.jdbcUrl();
        StringBuilder withCredentials = new StringBuilder(url).append(url.contains("?") ? "&" : "?")
                .append("user=").append(URLEncoder.encode(database.username(), StandardCharsets.UTF_8));
        if (database.password() != null && !database.password().isEmpty()) {
            withCredentials.append("&password=").append(URLEncoder.encode(database.password(), StandardCharsets.UTF_8));
        }
        return withCredentials.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A process started with exactly the given environment, its output kept in a file. */
    private static final class Run {
        private final Process process;
        private final Path output;

        private Run(Process process, Path output) {
            this.process = process;
            this.output = output;
        }

        static Run start(Path work, String name, List<String> command, Map<String, String> env) throws IOException {
            Path output = Files.createTempFile(work, name, ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            return new Run(builder.start(), output);
        }

        int waitForExit(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("still running after " + timeout + ":\n" + output());
            }
            return process.exitValue();
        }

        void awaitStatus(String url, int expected, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            int last = -1;
            while (true) {
                assertThat(process.isAlive()).as("the process exited:\n%s", output()).isTrue();
                try {
                    last = status(url);
                    if (last == expected) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                assertThat(Instant.now()).as("%s answers %d within %s (last %d):\n%s", url, expected, timeout, last, output())
                        .isBefore(deadline);
                Thread.sleep(200);
            }
        }

        /** SIGTERM, then the time until the process exited (it is killed after 30 s). */
        Duration stop() throws InterruptedException {
            Instant start = Instant.now();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return Duration.between(start, Instant.now());
        }

        int exitValue() {
            return process.exitValue();
        }

        String output() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        }
    }
}
