package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that ships ({@code app/target/tierblog.jar}, built by {@code package}), started as an
 * operator starts it: what the build packs and leaves out of it (the trimmed Bouncy Castle, the
 * log set-up found through {@code META-INF/services}, the migrations read from inside the jar)
 * is only exercised here, and so is what it prints: with JSON logs, nothing but JSON objects on
 * standard output.
 */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "tierblog.jar");

    @TempDir
    Path data;

    @Test
    void migratesOnFirstStartThenStartsWithoutFlywayAndHashesPasswords() throws Exception {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        TestDatabase database = TestDatabases.freshSchema("packaged");

        String first = runUntilServing(database, session -> session.registerAndLogIn("packaged", "a packaged password"));
        assertThat(first).contains("Applied 6 migration(s)");

        String second = runUntilServing(database, session -> {
            HttpResponse<String> wrong = session.post("/auth/login", "username", "packaged",
                    "password", "not the password");
            assertThat(wrong.statusCode()).isEqualTo(200);
            assertThat(wrong.body()).contains("Incorrect password.");
            WebSession.expectRedirect(session.post("/auth/login", "username", "packaged",
                    "password", "a packaged password"), "/");
        });
        assertThat(second).as("nothing to apply: Flyway stays unloaded")
                .doesNotContain("flywaydb").doesNotContain("Flyway");
        assertThat(second.lines())
                .as("the log set-up in code: time, level, thread, logger, message")
                .anyMatch(line -> line.matches(
                        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] i\\.t\\.app\\.datatier\\.DataTierMonitor - Data tier reachable"))
                .noneMatch(line -> line.contains("DEBUG"));
    }

    @Test
    void withJsonLogsEveryLineOnStandardOutputIsAJsonObject() throws Exception {
        assertThat(JAR).as("built by the package phase").isRegularFile();
        TestDatabase database = TestDatabases.freshSchema("packaged-json");
        Map<String, String> json = Map.of("TIERBLOG_LOG_FORMAT", "json");

        Finished migrate = runToEnd(database, json, "migrate");
        assertThat(migrate.status()).as("migrate:\n%s%s", migrate.stdout(), migrate.stderr()).isZero();
        assertThat(jsonLines(migrate.stdout()))
                .anySatisfy(event -> assertThat(event.get("formattedMessage").asText())
                        .isEqualTo("Applied 6 migration(s); schema version is now 6."));

        Output served = serve(database, json, session -> {
            session.registerAndLogIn("packaged-json", "a packaged password");
            WebSession.expectRedirect(session.post("/create", "title", "A \"quoted\" title",
                    "body", "two\nlines"), "/");
            assertThat(session.get("/no-such-page").statusCode()).isEqualTo(404);
        });
        List<JsonNode> events = jsonLines(served.stdout());
        assertThat(events).extracting(event -> event.get("loggerName").asText() + " " + event.get("formattedMessage").asText())
                .anyMatch(line -> line.startsWith("io.tierblog.app.datatier.DataTierMonitor Data tier reachable"))
                .anyMatch(line -> line.startsWith("io.micronaut.runtime.Micronaut Startup completed"));
        assertThat(served.stderr()).as("nothing on standard error either").isEmpty();

        Finished info = runToEnd(database, json, "info");
        assertThat(info.status()).isZero();
        assertThat(info.stdout()).as("the report of info is for a person, in any log format")
                .contains("Version  Description                 State    Installed on")
                .contains("Schema version: 6; 6 applied, 0 pending.");

        Finished bogus = runToEnd(database, json, "migrate", "--bogus");
        assertThat(bogus.status()).isEqualTo(2);
        assertThat(bogus.stderr()).startsWith("Unknown argument for migrate: --bogus").contains("Usage: java -jar tierblog.jar");
        assertThat(bogus.stdout()).isEmpty();
    }

    /** Each line parsed as a JSON object with a timestamp, level, logger and message; fails on anything else. */
    private static List<JsonNode> jsonLines(String stdout) {
        assertThat(stdout).as("something was logged").isNotBlank();
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return stdout.lines().map(line -> {
            JsonNode event;
            try {
                event = mapper.readTree(line);
            } catch (IOException notJson) {
                throw new AssertionError("not a JSON object on standard output: " + line + "\nin:\n" + stdout, notJson);
            }
            assertThat(event.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(event.get("timestamp").isIntegralNumber()).as("timestamp: %s", line).isTrue();
            assertThat(event.get("level").asText()).as("level: %s", line).isIn("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
            assertThat(event.get("loggerName").asText()).as("loggerName: %s", line).isNotBlank();
            assertThat(event.get("formattedMessage").isTextual()).as("formattedMessage: %s", line).isTrue();
            return event;
        }).toList();
    }

    interface Visit {
        void run(WebSession session) throws Exception;
    }

    record Output(String stdout, String stderr) {
    }

    record Finished(int status, String stdout, String stderr) {
    }

    /** Starts the jar, waits for the index, runs the visit, stops the jar; returns what it printed. */
    private String runUntilServing(TestDatabase database, Visit visit) throws Exception {
        Path output = Files.createTempFile(data, "jar", ".log");
        serve(database, Map.of(), output, output, visit);
        return read(output);
    }

    /** The same with standard output and error apart, and more environment. */
    private Output serve(TestDatabase database, Map<String, String> env, Visit visit) throws Exception {
        Path stdout = Files.createTempFile(data, "jar", ".out");
        Path stderr = Files.createTempFile(data, "jar", ".err");
        serve(database, env, stdout, stderr, visit);
        return new Output(read(stdout), read(stderr));
    }

    private void serve(TestDatabase database, Map<String, String> env, Path stdout, Path stderr, Visit visit)
            throws Exception {
        int port = TestApp.freePort();
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("PORT", Integer.toString(port));
        withPort.putIfAbsent("TIERBLOG_MANAGEMENT_PORT", Integer.toString(TestApp.freePort()));
        Process process = start(database, withPort, stdout, stderr);
        try {
            WebSession session = new WebSession("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (true) {
                assertThat(process.isAlive()).as("the jar exited:\n%s", read(stdout)).isTrue();
                try {
                    if (session.get("/").statusCode() == 200) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                assertThat(Instant.now()).as("serving within 90 s:\n%s", read(stdout)).isBefore(deadline);
                Thread.sleep(100);
            }
            visit.run(session);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Runs a command of the jar to its end. */
    private Finished runToEnd(TestDatabase database, Map<String, String> env, String... args) throws Exception {
        Path stdout = Files.createTempFile(data, "jar", ".out");
        Path stderr = Files.createTempFile(data, "jar", ".err");
        Process process = start(database, env, stdout, stderr, args);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the jar did not finish within 90 s:\n" + read(stdout) + read(stderr));
        }
        return new Finished(process.exitValue(), read(stdout), read(stderr));
    }

    private Process start(TestDatabase database, Map<String, String> env, Path stdout, Path stderr, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
        if (stderr.equals(stdout)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        builder.environment().put("DATABASE_URL", TestApp.databaseUrl(database));
        builder.environment().put("SECRET_KEY", "a test secret key that is long enough for HS256 signing");
        builder.environment().put("TIERBLOG_DATA_DIR", data.toString());
        builder.environment().remove("MICRONAUT_ENVIRONMENTS");
        builder.environment().remove("TIERBLOG_LOG_FORMAT");
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output);
    }
}
