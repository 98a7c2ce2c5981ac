package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.tierblog.app.replica.ReadRouting;
import io.tierblog.app.replica.ReplicaMonitor;
import io.tierblog.app.replica.ReplicaState;
import io.tierblog.persistence.ReplicaReads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app on a primary and a streaming standby ({@link StreamingReplica}) with
 * {@code DATABASE_REPLICA_URL}: reads served by the replica while it keeps up, a writer's next
 * pages showing their write while the replica's replay is paused (on this instance and another
 * one sharing the secret), lag past {@code DATABASE_REPLICA_MAX_LAG} and a stopped standby both
 * sending reads to the primary without a failed request. Needs Debian's PostgreSQL 15 and root;
 * skips without them unless {@value #REQUIRE}=1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {
    static final String REQUIRE = "TIERBLOG_REQUIRE_REPLICA";
    private static final String SECRET = "read-replica-test-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;

    private static StreamingReplica servers;
    private static TestApp app;
    private static TestApp second;

    @BeforeAll
    static void startServers() throws Exception {
        var missing = StreamingReplica.missing();
        if (missing.isPresent()) {
            if (Programs.required(REQUIRE)) {
                fail(missing.get() + ", and " + REQUIRE + "=1 says this test must run");
            }
            Assumptions.abort("Skipping the read replica test: " + missing.get() + " (set " + REQUIRE
                    + "=1 to require it)");
        }
        servers = StreamingReplica.start();
        // A lag allowance the paused-replay steps below stay well within.
        app = start("30s");
        second = start("30s");
    }

    private static TestApp start(String maxLag) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", servers.primaryUrl());
        env.put("DATABASE_REPLICA_URL", servers.standbyUrl());
        env.put("DATABASE_REPLICA_MAX_LAG", maxLag);
        env.put("SECRET_KEY", SECRET);
        env.put("TIERBLOG_DATA_DIR", dataDirectory.toString());
        return TestApp.start(env);
    }

    @AfterAll
    static void stopServers() {
        Programs.closeAll(second, app, servers);
    }

    @Test
    @Order(1)
    void theReplicaPoolReachesTheStandbyReadOnlyWithThePrimarysLimits() throws Exception {
        HikariDataSource replica = hikari(app.running().context().getBean(DataSource.class,
                io.micronaut.inject.qualifiers.Qualifiers.byName(ReplicaReads.DATASOURCE)));
        HikariDataSource primary = hikari(app.running().context().getBean(DataSource.class));
        assertThat(replica).isNotSameAs(primary);
        assertThat(replica.isReadOnly()).isTrue();
        assertThat(replica.getMaximumPoolSize()).isEqualTo(primary.getMaximumPoolSize());
        assertThat(replica.getConnectionTimeout()).isEqualTo(primary.getConnectionTimeout());
        assertThat(replica.getValidationTimeout()).isEqualTo(primary.getValidationTimeout());
        assertThat(replica.getExceptionOverrideClassName()).isEqualTo(primary.getExceptionOverrideClassName());
        assertThat(replica.getDataSourceProperties()).isEqualTo(primary.getDataSourceProperties());
        assertThat(replica.getJdbcUrl()).contains(":" + servers.standbyPort() + "/")
                .contains("targetServerType=preferSecondary").contains("loadBalanceHosts=true");
        try (Connection connection = replica.getConnection()) {
            assertThat(StreamingReplica.one(connection, "SELECT pg_is_in_recovery()")).isEqualTo("t");
            assertThat(StreamingReplica.one(connection, "SHOW statement_timeout")).isEqualTo("1500ms");
            assertThat(connection.isReadOnly()).isTrue();
        }
        try (Connection connection = primary.getConnection()) {
            assertThat(StreamingReplica.one(connection, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
        // What the writing use cases and the primary's adapters are given unqualified is the primary's.
        var context = app.running().context();
        assertThat(context.getBean(io.micronaut.transaction.TransactionOperations.class))
                .isSameAs(context.getBean(io.micronaut.transaction.TransactionOperations.class,
                        io.micronaut.inject.qualifiers.Qualifiers.byName("default")))
                .isNotSameAs(context.getBean(io.micronaut.transaction.TransactionOperations.class,
                        io.micronaut.inject.qualifiers.Qualifiers.byName(ReplicaReads.DATASOURCE)));
        // Every write a visitor's next pages must show leaves a position; the four reads are routed.
        for (Class<?> writing : new Class<?>[] {io.tierblog.domain.port.in.PublishPostUseCase.class,
                io.tierblog.domain.port.in.EditPostUseCase.class, io.tierblog.domain.port.in.DeletePostUseCase.class,
                io.tierblog.domain.port.in.RegisterUserUseCase.class}) {
            assertThat(context.getBean(writing).toString()).as(writing.getSimpleName()).startsWith("position-remembering ");
        }
        for (Class<?> reading : new Class<?>[] {io.tierblog.domain.port.in.ListPostsQuery.class,
                io.tierblog.domain.port.in.GetPostQuery.class, io.tierblog.domain.port.in.GetPostForEditQuery.class,
                io.tierblog.domain.port.in.SearchPostsQuery.class}) {
            assertThat(context.getBean(reading).toString()).as(reading.getSimpleName()).startsWith("routed ");
        }
        assertThat(context.getBean(io.tierblog.domain.port.in.AuthenticateUserUseCase.class).toString())
                .doesNotStartWith("routed ").doesNotStartWith("position-remembering ");
        assertThat(context.getBean(io.micronaut.data.jdbc.runtime.JdbcOperations.class))
                .isSameAs(context.getBean(io.micronaut.data.jdbc.runtime.JdbcOperations.class,
                        io.micronaut.inject.qualifiers.Qualifiers.byName("default")));
    }

    private static HikariDataSource hikari(DataSource configured) throws java.sql.SQLException {
        return configured instanceof HikariDataSource pool ? pool : configured.unwrap(HikariDataSource.class);
    }

    @Test
    @Order(2)
    void readsGoToTheReplicaWhileItKeepsUp() throws Exception {
        WebSession writer = new WebSession(app.baseUrl()).registerAndLogIn("fresh-writer", "a long enough password");
        assertThat(writer.cookie("read-position")).as("registering (on the password-check pool) left a position")
                .isNotNull();
        WebSession.expectRedirect(writer.post("/create", "title", "Replicated post", "body", "On both servers."), "/");
        awaitOnStandby("Replicated post");
        ReplicaState state = monitor(app).check();
        assertThat(state.condition()).isEqualTo(ReplicaState.Condition.STREAMING);

        ReadRouting routing = routing(app);
        long onReplica = routing.count(ReadRouting.Route.REPLICA);
        long onPrimary = primaryReads(routing);
        WebSession reader = new WebSession(app.baseUrl());
        HttpResponse<String> index = reader.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Replicated post");
        assertThat(routing.count(ReadRouting.Route.REPLICA)).isEqualTo(onReplica + 1);
        assertThat(primaryReads(routing)).isEqualTo(onPrimary);

        HttpResponse<String> search = reader.get("/search?q=replicated");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("Replicated post");
        assertThat(routing.count(ReadRouting.Route.REPLICA)).isGreaterThanOrEqualTo(onReplica + 2);

        String metrics = new WebSession(app.managementUrl()).get("/prometheus").body();
        assertThat(metrics).contains("tierblog_reads_total{pool=\"replica\",reason=\"fresh\"}");
        assertThat(metrics).contains("tierblog_replica_lag_seconds");
        assertThat(metrics).contains("tierblog_replica_readable 1.0");
        assertThat(metrics.lines().filter(line -> line.startsWith("hikaricp_connections")))
                .as("each pool's own metrics").anyMatch(line -> line.contains("pool=\"replica\""))
                .anyMatch(line -> line.contains("pool=\"primary\""));
    }

    @Test
    @Order(3)
    void aWriterSeesTheirWriteWhileReplayIsPausedOthersOnceItResumes() throws Exception {
        WebSession writer = new WebSession(app.baseUrl()).registerAndLogIn("lagged-writer", "a long enough password");
        awaitStreaming(app);
        try (Connection standby = servers.standby()) {
            StreamingReplica.one(standby, "SELECT pg_wal_replay_pause()");
            try {
                HttpResponse<String> created = writer.post("/create", "title", "Written while paused", "body", "Primary only.");
                WebSession.expectRedirect(created, "/");
                assertThat(writer.cookie("read-position")).as("the writer's position cookie").isNotNull();
                assertThat(created.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("read-position=").containsIgnoringCase("HttpOnly").contains("Max-Age="));
                monitor(app).check();
                monitor(second).check();
                assertThat(monitor(app).state().condition()).isEqualTo(ReplicaState.Condition.STREAMING);

                ReadRouting routing = routing(app);
                long ownWrites = routing.count(ReadRouting.Route.PRIMARY_OWN_WRITE);
                long onReplica = routing.count(ReadRouting.Route.REPLICA);
                assertThat(writer.get("/").body()).as("the writer's next page").contains("Written while paused");
                assertThat(routing.count(ReadRouting.Route.PRIMARY_OWN_WRITE)).isEqualTo(ownWrites + 1);

                WebSession stranger = new WebSession(app.baseUrl());
                assertThat(stranger.get("/").body()).as("a visitor without the cookie reads the paused replica")
                        .contains("Replicated post").doesNotContain("Written while paused");
                assertThat(routing.count(ReadRouting.Route.REPLICA)).isEqualTo(onReplica + 1);

                // A link to the new post works for anybody: the replica's "not found" is asked again of the primary.
                String link = org.jsoup.Jsoup.parse(writer.get("/").body()).select("a:containsOwn(Written while paused)")
                        .attr("href");
                assertThat(link).as("the post's link on the writer's index").isNotEmpty();
                long notFound = routing.count(ReadRouting.Route.PRIMARY_AFTER_NOT_FOUND);
                HttpResponse<String> followed = stranger.get(link);
                assertThat(followed.statusCode()).isEqualTo(200);
                assertThat(followed.body()).contains("Written while paused");
                assertThat(routing.count(ReadRouting.Route.PRIMARY_AFTER_NOT_FOUND)).isEqualTo(notFound + 1);
                assertThat(stranger.get("/posts/999999999").statusCode()).as("a post that exists nowhere").isEqualTo(404);
                HttpResponse<String> editForm = writer.get("/" + link.substring(link.lastIndexOf('/') + 1) + "/update");
                assertThat(editForm.statusCode()).isEqualTo(200);
                assertThat(editForm.body()).contains("Written while paused");

                // Another instance with the same secret honours the cookie.
                ReadRouting secondRouting = routing(second);
                long secondOwn = secondRouting.count(ReadRouting.Route.PRIMARY_OWN_WRITE);
                assertThat(writer.at(second.baseUrl()).get("/").body()).contains("Written while paused");
                assertThat(secondRouting.count(ReadRouting.Route.PRIMARY_OWN_WRITE)).isEqualTo(secondOwn + 1);
                assertThat(new WebSession(second.baseUrl()).get("/").body()).doesNotContain("Written while paused");

                // A cookie that is not ours is ignored: the visitor reads like any other.
                HttpResponse<String> forged = getWithCookie(app.baseUrl() + "/",
                        "read-position=9999999999.RkZGRkZGRkYvRkZGRkZGRkY.AAAA");
                assertThat(forged.statusCode()).isEqualTo(200);
                assertThat(forged.body()).doesNotContain("Written while paused");
                assertThat(getWithCookie(app.baseUrl() + "/", "read-position=%%%garbage..").statusCode()).isEqualTo(200);
            } finally {
                StreamingReplica.one(standby, "SELECT pg_wal_replay_resume()");
            }
        }
        WebSession stranger = new WebSession(app.baseUrl());
        awaitTrue("the replica replays the post and a visitor without the cookie sees it", () -> {
            monitor(app).check();
            return stranger.get("/").body().contains("Written while paused");
        });
    }

    @Test
    @Order(4)
    void aReplicaPastTheAllowedLagServesNoReads() throws Exception {
        try (TestApp strict = start("1s")) {
            WebSession writer = new WebSession(strict.baseUrl()).registerAndLogIn("strict-writer", "a long enough password");
            awaitStreaming(strict);
            try (Connection standby = servers.standby()) {
                StreamingReplica.one(standby, "SELECT pg_wal_replay_pause()");
                try {
                    WebSession.expectRedirect(writer.post("/create", "title", "Lagging behind", "body", "Not replayed."), "/");
                    awaitTrue("the monitor finds the replica lagging", () ->
                            monitor(strict).check().condition() == ReplicaState.Condition.LAGGING);
                    ReadRouting routing = routing(strict);
                    long lagging = routing.count(ReadRouting.Route.PRIMARY_REPLICA_LAGGING);
                    WebSession stranger = new WebSession(strict.baseUrl());
                    assertThat(stranger.get("/").body()).as("served by the primary").contains("Lagging behind");
                    assertThat(routing.count(ReadRouting.Route.PRIMARY_REPLICA_LAGGING)).isEqualTo(lagging + 1);

                    JsonNode replica = replicaHealth(strict);
                    assertThat(replica.path("status").asText()).isEqualTo("UP");
                    assertThat(replica.path("details").path("state").asText()).isEqualTo("LAGGING");
                    assertThat(replica.path("details").path("lagSeconds").asDouble()).isGreaterThan(1.0);
                    assertThat(replica.path("details").path("lagBytes").asLong()).isGreaterThan(0);
                    assertThat(new WebSession(strict.baseUrl()).get("/health/readiness").statusCode()).isEqualTo(200);
                } finally {
                    StreamingReplica.one(standby, "SELECT pg_wal_replay_resume()");
                }
            }
            awaitStreaming(strict);
        }
    }

    @Test
    @Order(5)
    void aStoppedReplicaCostsNoRequest() throws Exception {
        awaitStreaming(app);
        ReadRouting routing = routing(app);
        long fellBack = routing.count(ReadRouting.Route.PRIMARY_AFTER_REPLICA_FAILED);
        long down = routing.count(ReadRouting.Route.PRIMARY_REPLICA_DOWN);
        servers.stopStandby();
        try {
            WebSession reader = new WebSession(app.baseUrl());
            int failed = 0;
            long slowest = 0;
            // Straight after the stop, before the monitor has looked: the replica's pool fails the
            // read and the primary answers it.
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                HttpResponse<String> page = reader.get(i % 2 == 0 ? "/" : "/search?q=replicated");
                slowest = Math.max(slowest, System.nanoTime() - started);
                if (page.statusCode() != 200 || !page.body().contains("Replicated post")) {
                    failed++;
                }
            }
            System.out.printf("replica stopped: 20 reads, %d failed, slowest %d ms, %d answered by the primary after "
                            + "the replica failed them, %d sent there as the replica was down%n", failed,
                    slowest / 1_000_000, routing.count(ReadRouting.Route.PRIMARY_AFTER_REPLICA_FAILED) - fellBack,
                    routing.count(ReadRouting.Route.PRIMARY_REPLICA_DOWN) - down);
            assertThat(failed).as("failed requests while the replica is down").isZero();
            assertThat(routing.count(ReadRouting.Route.PRIMARY_AFTER_REPLICA_FAILED)
                    + routing.count(ReadRouting.Route.PRIMARY_REPLICA_DOWN)).isGreaterThanOrEqualTo(fellBack + down + 20);
            assertThat(monitor(app).check().condition()).isEqualTo(ReplicaState.Condition.DOWN);
            assertThat(reader.get("/").statusCode()).isEqualTo(200);
            assertThat(reader.get("/health/readiness").statusCode()).isEqualTo(200);
            JsonNode replica = replicaHealth(app);
            assertThat(replica.path("details").path("state").asText()).isEqualTo("DOWN");
            assertThat(replica.path("details").path("hosts").get(0).path("answering").asBoolean()).isFalse();
            JsonNode all = JSON.readTree(new WebSession(app.managementUrl()).get("/health").body());
            assertThat(all.path("status").asText()).isEqualTo("UP");
        } finally {
            servers.startStandby();
        }
        // Back: once the pool has replaced the connections the stop broke, reads are the replica's again.
        long onReplica = routing.count(ReadRouting.Route.REPLICA);
        WebSession reader = new WebSession(app.baseUrl());
        awaitTrue("reads back on the replica", () -> {
            monitor(app).check();
            assertThat(reader.get("/").statusCode()).isEqualTo(200);
            return routing.count(ReadRouting.Route.REPLICA) > onReplica;
        });
    }

    private static long primaryReads(ReadRouting routing) {
        long total = 0;
        for (ReadRouting.Route route : ReadRouting.Route.values()) {
            if (route != ReadRouting.Route.REPLICA) {
                total += routing.count(route);
            }
        }
        return total;
    }

    private static ReplicaMonitor monitor(TestApp instance) {
        return instance.running().context().getBean(ReplicaMonitor.class);
    }

    private static ReadRouting routing(TestApp instance) {
        return instance.running().context().getBean(ReadRouting.class);
    }

    private static JsonNode replicaHealth(TestApp instance) throws Exception {
        JsonNode health = JSON.readTree(new WebSession(instance.managementUrl()).get("/health").body());
        return health.path("details").path("replica");
    }

    private static void awaitStreaming(TestApp instance) {
        awaitTrue("the replica streams", () -> monitor(instance).check().condition() == ReplicaState.Condition.STREAMING);
    }

    private static void awaitOnStandby(String title) {
        awaitTrue("the standby has " + title, () -> {
            try (Connection standby = servers.standby()) {
                return "1".equals(StreamingReplica.one(standby, "SELECT count(*) FROM posts WHERE title = '"
                        + title.replace("'", "''") + "'"));
            } catch (Exception notYet) {
                return false;
            }
        });
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            JarInstance.sleep(Duration.ofMillis(200));
        }
        fail("not in time: " + what + "\n" + servers.logs());
    }

    private static HttpResponse<String> getWithCookie(String url, String cookie) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
