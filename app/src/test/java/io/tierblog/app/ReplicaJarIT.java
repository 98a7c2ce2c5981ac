package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar, two instances, on a primary and a streaming standby ({@link StreamingReplica}),
 * configured only as an operator configures it: {@code DATABASE_URL}, {@code DATABASE_REPLICA_URL}
 * and one {@code SECRET_KEY}. Seen from outside alone (pages and the management port's metrics
 * and health): visitors' reads are the replica's; a writer's next page on the other instance shows
 * their post while the standby's replay is paused, a visitor's does not until it resumes; a
 * stopped standby fails no request. {@link ReadReplicaTest} checks the same wiring from inside.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaJarIT {
    private static final String SECRET = "replica-jar-test-secret-0123456789abcdefgh";

    @TempDir
    static Path logs;

    private static StreamingReplica servers;
    private static JarInstance first;
    private static JarInstance second;

    @BeforeAll
    static void startServers() throws Exception {
        var missing = StreamingReplica.missing();
        if (missing.isPresent()) {
            if (Programs.required(ReadReplicaTest.REQUIRE)) {
                fail(missing.get() + ", and " + ReadReplicaTest.REQUIRE + "=1 says this test must run");
            }
            Assumptions.abort("Skipping the shipped jar on a read replica: " + missing.get() + " (set "
                    + ReadReplicaTest.REQUIRE + "=1 to require it)");
        }
        servers = StreamingReplica.start();
        Map<String, String> env = Map.of("DATABASE_URL", servers.primaryUrl(),
                "DATABASE_REPLICA_URL", servers.standbyUrl(), "DATABASE_REPLICA_MAX_LAG", "30s", "SECRET_KEY", SECRET);
        first = JarInstance.start(JarInstance.quietPort(), JarInstance.quietPort(), env, logs.resolve("first.log"))
                .awaitReady(Duration.ofSeconds(90));
        second = JarInstance.start(JarInstance.quietPort(), JarInstance.quietPort(), env, logs.resolve("second.log"))
                .awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopServers() {
        Programs.closeAll(second, first, servers);
    }

    @Test
    @Order(1)
    void aVisitorsIndexIsReadFromTheReplica() {
        WebSession writer = new WebSession(url(first)).registerAndLogIn("jar-writer", "a long enough password");
        WebSession.expectRedirect(writer.post("/create", "title", "Replicated from the jar", "body", "Both."), "/");
        awaitTrue(first, "the replica has the post and streams", () ->
                new WebSession(url(first)).get("/").body().contains("Replicated from the jar")
                        && reads(first, "replica", "fresh") > 0);

        double before = reads(first, "replica", "fresh");
        double primaryBefore = primaryReads(first);
        HttpResponse<String> index = new WebSession(url(first)).get("/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Replicated from the jar");
        assertThat(reads(first, "replica", "fresh")).isEqualTo(before + 1);
        assertThat(primaryReads(first)).isEqualTo(primaryBefore);
        assertThat(metrics(first)).contains("tierblog_replica_readable 1.0")
                .contains("hikaricp_connections_active{pool=\"replica\"}");
    }

    @Test
    @Order(2)
    void theWritersNextPageOnAnotherInstanceShowsTheirPostWhileReplayIsPaused() throws Exception {
        WebSession writer = new WebSession(url(first)).registerAndLogIn("paused-writer", "a long enough password");
        try (Connection standby = servers.standby()) {
            StreamingReplica.one(standby, "SELECT pg_wal_replay_pause()");
            try {
                WebSession.expectRedirect(writer.post("/create", "title", "Only on the primary", "body", "Paused."), "/");
                double ownWrites = reads(second, "primary", "own-write-not-replayed");

                assertThat(writer.at(url(second)).get("/").body()).as("the writer's page on the other instance")
                        .contains("Only on the primary");
                assertThat(reads(second, "primary", "own-write-not-replayed")).isEqualTo(ownWrites + 1);
                assertThat(new WebSession(url(second)).get("/").body()).as("a visitor's, from the paused replica")
                        .contains("Replicated from the jar").doesNotContain("Only on the primary");
            } finally {
                StreamingReplica.one(standby, "SELECT pg_wal_replay_resume()");
            }
        }
        awaitTrue(second, "a visitor sees the post once replay resumes", () ->
                new WebSession(url(second)).get("/").body().contains("Only on the primary"));
    }

    @Test
    @Order(3)
    void aStoppedStandbyFailsNoRequest() throws Exception {
        servers.stopStandby();
        try {
            WebSession reader = new WebSession(url(second));
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> page = reader.get("/");
                assertThat(page.statusCode()).as("read " + i + " with the standby stopped").isEqualTo(200);
                assertThat(page.body()).contains("Only on the primary");
            }
            awaitTrue(second, "health shows the replica down", () ->
                    new WebSession(managementUrl(second)).get("/health").body().contains("\"DOWN\""));
            assertThat(new WebSession(managementUrl(second)).get("/health/readiness").statusCode()).isEqualTo(200);
            assertThat(metrics(second)).contains("tierblog_replica_readable 0.0");
        } finally {
            servers.startStandby();
        }
    }

    private static String url(JarInstance instance) {
        return "http://127.0.0.1:" + instance.port();
    }

    private static String managementUrl(JarInstance instance) {
        return "http://127.0.0.1:" + instance.managementPort();
    }

    private static String metrics(JarInstance instance) {
        HttpResponse<String> response = new WebSession(managementUrl(instance)).get("/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** {@code tierblog_reads_total} for this pool and reason, 0 before the first. */
    private static double reads(JarInstance instance, String pool, String reason) {
        String prefix = "tierblog_reads_total{pool=\"" + pool + "\",reason=\"" + reason + "\"} ";
        return metrics(instance).lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()).trim())).sum();
    }

    private static double primaryReads(JarInstance instance) {
        String prefix = "tierblog_reads_total{pool=\"primary\",";
        return metrics(instance).lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitTrue(JarInstance instance, String what, BooleanSupplier condition) {
        try {
            Timed.until(Duration.ofSeconds(30), condition::getAsBoolean);
        } catch (AssertionError late) {
            fail("not in time: " + what + "\n" + instance.log() + "\n" + servers.logs());
        }
    }
}
