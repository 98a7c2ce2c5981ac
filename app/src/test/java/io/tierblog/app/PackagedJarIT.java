package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar that ships ({@code app/target/tierblog.jar}, built by {@code package}), started as an
 * operator starts it: what the build packs and leaves out of it (the trimmed Bouncy Castle, the
 * log set-up found through {@code META-INF/services}, the migrations read from inside the jar)
 * is only exercised here.
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
        assertThat(first).contains("Applied 4 migration(s)");

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

    interface Visit {
        void run(WebSession session) throws Exception;
    }

    /** Starts the jar, waits for the index, runs the visit, stops the jar; returns what it printed. */
    private String runUntilServing(TestDatabase database, Visit visit) throws Exception {
        int port = TestApp.freePort();
        Path output = Files.createTempFile(data, "jar", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("DATABASE_URL", TestApp.databaseUrl(database));
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SECRET_KEY", "a test secret key that is long enough for HS256 signing");
        builder.environment().put("TIERBLOG_DATA_DIR", data.toString());
        builder.environment().remove("MICRONAUT_ENVIRONMENTS");
        Process process = builder.start();
        try {
            WebSession session = new WebSession("http://127.0.0.1:" + port);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (true) {
                assertThat(process.isAlive()).as("the jar exited:\n%s", read(output)).isTrue();
                try {
                    if (session.get("/").statusCode() == 200) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                assertThat(Instant.now()).as("serving within 90 s:\n%s", read(output)).isBefore(deadline);
                Thread.sleep(100);
            }
            visit.run(session);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        return read(output);
    }

    private static String read(Path output) throws IOException {
        return Files.readString(output);
    }
}
