package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tierblog.persistence.embedded.LocalPostgres;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Starting while the data tier is down, black-holed, or shared with other instances starting too. */
class DataTierStartupTest {
    @TempDir
    Path dataDirectory;

    @Test
    void theBlogStartsWhileTheDatabaseIsDownAndMigratesWhenItAppears() throws Exception {
        try (LocalPostgres database = LocalPostgres.builder().database("late").start()) {
            database.stop();
            try (TestApp app = TestApp.start(Map.of(
                    "DATABASE_URL", database.jdbcUrl("late") + "?user=" + database.username(),
                    "TIERBLOG_DATA_DIR", dataDirectory.toString()))) {
                WebSession visitor = new WebSession(app.baseUrl());
                assertThat(visitor.get("/health/liveness").statusCode()).isEqualTo(200);
                HttpResponse<String> readiness = new WebSession(app.managementUrl()).get("/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("unreachable");
                HttpResponse<String> publicReadiness = visitor.get("/health/readiness");
                assertThat(publicReadiness.statusCode()).isEqualTo(503);
                assertThat(publicReadiness.body()).isEqualTo("{\"status\":\"DOWN\"}");
                HttpResponse<String> index = visitor.get("/");
                assertThat(index.statusCode()).isEqualTo(503);
                assertThat(Jsoup.parse(index.body()).select("main .unavailable").text())
                        .contains("Posts cannot be loaded right now");

                database.start();

                Timed.until(Duration.ofSeconds(20), () -> visitor.get("/health/readiness").statusCode() == 200);
                assertThat(visitor.get("/").statusCode()).isEqualTo(200);
                visitor.registerAndLogIn("late-riser", "late-password");
                try (Connection connection = database.connect("late")) {
                    assertThat(count(connection, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                            .isGreaterThanOrEqualTo(1);
                    assertThat(count(connection, "SELECT count(*) FROM users")).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aDatabaseThatAcceptsButNeverAnswersCannotHoldAnyRequest() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (BlackHole hole = new BlackHole()) {
            Timed<TestApp> started = Timed.of(() -> TestApp.start(Map.of(
                    "DATABASE_URL", "postgresql://tierblog:S3cr3t-pw@127.0.0.1:" + hole.port() + "/blog",
                    "TIERBLOG_DATA_DIR", dataDirectory.toString())));
            try (TestApp app = started.value()) {
                assertThat(started.elapsed()).isLessThan(Duration.ofSeconds(15));
                WebSession visitor = new WebSession(app.baseUrl());
                List<Timed<HttpResponse<String>>> answers = List.of(
                        Timed.of(() -> visitor.get("/")),
                        Timed.of(() -> visitor.post("/auth/login", "username", "a", "password", "b")),
                        Timed.of(() -> visitor.post("/auth/register", "username", "a", "password", "b")),
                        Timed.of(() -> visitor.get("/health/readiness")));

                assertThat(answers).allSatisfy(answer -> {
                    assertThat(answer.value().statusCode()).isEqualTo(503);
                    assertThat(answer.elapsed()).isLessThan(OutageTest.BOUND);
                });
                assertThat(hole.accepted()).isPositive();
                System.out.printf("black hole: answers in %s ms%n",
                        answers.stream().map(a -> String.valueOf(a.elapsed().toMillis())).toList());
            }
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("127.0.0.1"))
                .allSatisfy(line -> assertThat(line).doesNotContain("S3cr3t-pw"));
    }

    @Test
    void withoutMigrateOnStartTheInstanceStaysNotReadyUntilTheMigrateCommandRuns() {
        TestDatabase database = TestDatabases.freshSchema("release-step");
        Map<String, String> env = Map.of("DATABASE_URL", TestApp.databaseUrl(database),
                "TIERBLOG_DATA_DIR", dataDirectory.toString());
        try (TestApp app = TestApp.start(env, Map.of("tierblog.data-tier.migrate-on-start", false))) {
            WebSession visitor = new WebSession(app.baseUrl());
            HttpResponse<String> readiness = new WebSession(app.managementUrl()).get("/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"migrations\":\"pending\"").contains("\"database\":\"reachable\"");

            PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
            assertThat(new Launcher(env, quiet, quiet).run("migrate")).isZero();

            Timed.until(Duration.ofSeconds(15), () -> visitor.get("/health/readiness").statusCode() == 200);
            visitor.registerAndLogIn("after-release", "release-password");
        }
    }

    @Test
    void instancesStartingTogetherMigrateOnce() throws Exception {
        TestDatabase database = TestDatabases.freshSchema("together");
        Map<String, String> env = Map.of("DATABASE_URL", TestApp.databaseUrl(database),
                "TIERBLOG_DATA_DIR", dataDirectory.toString());
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            List<Future<TestApp>> apps = starters.invokeAll(List.of(
                    () -> TestApp.start(env), () -> TestApp.start(env), () -> TestApp.start(env)));
            try {
                for (Future<TestApp> app : apps) {
                    WebSession visitor = new WebSession(app.get().baseUrl());
                    Timed.until(Duration.ofSeconds(20), () -> visitor.get("/health/readiness").statusCode() == 200);
                }
            } finally {
                for (Future<TestApp> app : apps) {
                    app.get().close();
                }
            }
        } finally {
            starters.shutdownNow();
        }
        try (Connection connection = database.connect()) {
            assertThat(count(connection, "SELECT count(*) FROM flyway_schema_history WHERE version = '1'"))
                    .isEqualTo(1);
        }
    }

    private static long count(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A TCP server that accepts connections and never says a word. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        BlackHole() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "black-hole");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return held.size();
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
