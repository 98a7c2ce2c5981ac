package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.jdbc.DataSourceResolver;
import io.tierblog.app.datatier.DataTierMonitor;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The blog through PgBouncer 1.18 in transaction pooling mode, started from
 * {@code deploy/pgbouncer/pgbouncer.ini.example} in front of the test's PostgreSQL, with a server
 * pool smaller than the app's: what breaks there without the app's settings, and that with them
 * pages, log-ins and many writes work, the role's statement timeout bounds a slow statement, and
 * the outage page comes quickly when PgBouncer's server is down, then goes when it is back.
 * The role is set up as docs/scaling.md tells the operator to: its own search_path and
 * statement_timeout, since neither startup options nor session settings survive the pooler.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgBouncerTest {
    static final String REQUIRE = "TIERBLOG_REQUIRE_PGBOUNCER";
    /** Server connections PgBouncer opens to PostgreSQL: fewer than the app's pool. */
    static final int SERVER_POOL = 2;
    static final int APP_POOL = 6;
    static final Duration STATEMENT_TIMEOUT = Duration.ofMillis(800);
    /** The socket timeout (2 s) would end a statement the server did not cancel. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    private static final String PASSWORD = "a-pgbouncer-test-password";
    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^/:]+|\\[[^]]+]):(\\d+)/([^?]+).*");

    @TempDir
    static Path directory;
    private static TestDatabase schema;
    private static String role;
    private static String serverHost;
    private static int serverPort;
    private static String serverDatabase;
    private static TcpRelay server;
    private static PgBouncer bouncer;
    private static TestApp app;
    private static ListAppender<ILoggingEvent> monitorLog;
    private static WebSession alice;

    @BeforeAll
    static void start() {
        Optional<Path> program = Programs.find("pgbouncer");
        if (program.isEmpty()) {
            if (Programs.required(REQUIRE)) {
                fail("pgbouncer is not installed, and " + REQUIRE + "=1 says this test must run");
            }
            Assumptions.abort("Skipping the PgBouncer test: Debian's pgbouncer is not installed (set " + REQUIRE
                    + "=1 to require it)");
        }
        schema = TestDatabases.freshSchema("pgbouncer");
        role = schema.schema();
        Matcher address = SERVER.matcher(schema.jdbcUrl());
        assertThat(address.matches()).as("test database URL %s", schema.jdbcUrl()).isTrue();
        serverHost = address.group(1);
        serverPort = Integer.parseInt(address.group(2));
        serverDatabase = address.group(3);
        // The operator's set-up (docs/scaling.md): the blog's role carries what the URL cannot.
        schema.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'",
                "ALTER SCHEMA " + role + " OWNER TO " + role,
                "ALTER ROLE " + role + " SET search_path = " + role,
                "ALTER ROLE " + role + " SET statement_timeout = '" + STATEMENT_TIMEOUT.toMillis() + "ms'");
        // PgBouncer reaches PostgreSQL through a relay the test can take down, as if the server stopped.
        server = new TcpRelay(serverHost, serverPort);
        bouncer = PgBouncer.start(program.get(), directory.resolve("pgbouncer"), "127.0.0.1", server.port(),
                serverDatabase, role, PASSWORD, SERVER_POOL);

        monitorLog = new ListAppender<>();
        monitorLog.start();
        ((Logger) LoggerFactory.getLogger(DataTierMonitor.class)).addAppender(monitorLog);
        app = TestApp.start(Map.of(
                        "DATABASE_URL", "postgresql://" + role + ":" + PASSWORD + "@127.0.0.1:" + bouncer.port() + "/"
                                + PgBouncer.DATABASE + "?pool_mode=transaction",
                        "DATABASE_MIGRATION_URL", "postgresql://" + role + ":" + PASSWORD + "@" + serverHost + ":"
                                + serverPort + "/" + serverDatabase,
                        "DATABASE_POOL_SIZE", String.valueOf(APP_POOL),
                        "TIERBLOG_DATA_DIR", directory.resolve("app").toString()),
                Map.of("tierblog.data-tier.statement-timeout", STATEMENT_TIMEOUT.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        if (monitorLog != null) {
            ((Logger) LoggerFactory.getLogger(DataTierMonitor.class)).detachAppender(monitorLog);
        }
        if (app != null) {
            app.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
        if (server != null) {
            server.close();
        }
        if (schema != null) {
            schema.execute("DROP SCHEMA IF EXISTS " + role + " CASCADE", "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    @Order(1)
    void withoutTheAppsSettingsPgJdbcBreaksThroughTheTransactionPooler() throws Exception {
        // The startup option that carries statement_timeout on a direct connection is refused.
        assertThatThrownBy(() -> connectThroughPgBouncer("options=-c%20statement_timeout%3D800").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("unsupported startup parameter: options");
        // So is currentSchema (sent as search_path), which is why the role carries the search_path.
        assertThatThrownBy(() -> connectThroughPgBouncer("currentSchema=" + role).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("unsupported startup parameter: search_path");
        // PgJDBC's default names a server-side prepared statement after 5 executions; the next
        // transaction runs on whichever server connection is free, which lacks it or has another's.
        assertThat(preparedStatementFailures("prepareThreshold=5")).as("failures with PgJDBC's default")
                .isPositive();
        assertThat(preparedStatementFailures("prepareThreshold=0")).as("failures with prepareThreshold=0").isZero();
    }

    @Test
    @Order(2)
    void pagesLogInAndManyWritesWorkOnAServerPoolSmallerThanTheApps() throws Exception {
        WebSession visitor = new WebSession(app.baseUrl());
        assertThat(visitor.get("/").statusCode()).isEqualTo(200);
        assertThat(visitor.get("/health/readiness").statusCode()).isEqualTo(200);

        alice = new WebSession(app.baseUrl()).registerAndLogIn("alice", "alice-password");
        List<String> names = List.of("alice", "bob", "carol", "erin");
        List<WebSession> writers = new ArrayList<>(List.of(alice));
        for (String name : names.subList(1, names.size())) {
            writers.add(new WebSession(app.baseUrl()).registerAndLogIn(name, name + "-password"));
        }
        int postsEach = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        try {
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int w = 0; w < writers.size(); w++) {
                WebSession writer = writers.get(w);
                String name = names.get(w);
                results.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < postsEach; i++) {
                        HttpResponse<String> created = writer.post("/create", "title", name + " post " + i,
                                "body", "written through PgBouncer");
                        statuses.add(created.statusCode());
                        statuses.add(writer.get("/").statusCode() == 200 ? 302 : -1);
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> result : results) {
                assertThat(result.get()).as("every write redirected, every index served").containsOnly(302);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Jsoup.parse(alice.get("/").body()).text()).contains("post " + (postsEach - 1));

        // Everything landed in the test's schema (the role's search_path), through few server connections.
        try (Connection direct = schema.connect(); Statement statement = direct.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM posts")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(writers.size() * postsEach);
        }
        int servers;
        try (Connection direct = schema.connect();
             PreparedStatement statement = direct.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE usename = ? AND backend_type = 'client backend'")) {
            statement.setString(1, role);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                servers = rows.getInt(1);
            }
        }
        int clients = app.running().context().getBean(DataSourceResolver.class)
                .resolve(app.running().context().getBean(DataSource.class))
                .unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean().getTotalConnections();
        assertThat(servers).as("server connections").isPositive().isLessThanOrEqualTo(SERVER_POOL);
        assertThat(clients).as("the app's connections to PgBouncer").isGreaterThan(SERVER_POOL);
        System.out.printf("pgbouncer: %d writes and %d index pages from %d app connections over %d PostgreSQL sessions%n",
                writers.size() * postsEach, writers.size() * postsEach, clients, servers);

        // The migrations ran on PostgreSQL itself, not through the pooler.
        try (Connection direct = schema.connect(); Statement statement = direct.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rows.next();
            assertThat(rows.getInt(1)).isPositive();
        }
        assertThat(monitorLog.list).noneSatisfy(event ->
                assertThat(event.getFormattedMessage()).contains("statement timeout"));
    }

    @Test
    @Order(3)
    void theRolesStatementTimeoutCancelsASlowStatementBeforeTheSocketTimeout() throws Exception {
        DataSource appPool = app.running().context().getBean(DataSourceResolver.class)
                .resolve(app.running().context().getBean(DataSource.class));
        try (Connection connection = appPool.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW statement_timeout")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(STATEMENT_TIMEOUT.toMillis() + "ms");
        }
        try (Connection locker = schema.connect(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");

            long start = System.nanoTime();
            SQLException cancelled = null;
            try (Connection connection = appPool.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM posts").close();
            } catch (SQLException e) {
                cancelled = e;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat((Throwable) cancelled).as("a statement waiting on the lock").isNotNull();
            assertThat(cancelled.getSQLState()).as(cancelled.getMessage()).isEqualTo("57014");
            assertThat(waited).isGreaterThanOrEqualTo(STATEMENT_TIMEOUT.minusMillis(50)).isLessThan(SOCKET_TIMEOUT);

            Timed<HttpResponse<String>> index = Timed.of(() -> alice.get("/"));
            assertThat(index.value().statusCode()).isEqualTo(503);
            assertThat(index.elapsed()).isLessThan(SOCKET_TIMEOUT);
            Timed<HttpResponse<String>> write = Timed.of(() -> alice.post("/create", "title", "During the lock",
                    "body", "Kept in the form"));
            assertThat(write.value().statusCode()).isEqualTo(503);
            assertThat(Jsoup.parse(write.value().body()).select("input[name=title]").val()).isEqualTo("During the lock");
            assertThat(write.elapsed()).isLessThan(SOCKET_TIMEOUT);
            locker.rollback();
        }
        assertThat(alice.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void theOutagePageComesQuicklyWhenPgBouncersServerIsDownAndGoesWhenItIsBack() {
        WebSession visitor = new WebSession(app.baseUrl());
        server.stop();

        List<Duration> answers = new ArrayList<>();
        HttpResponse<String> index = timed(answers, () -> alice.get("/"));
        assertThat(index.statusCode()).isEqualTo(503);
        assertThat(index.headers().firstValue("Retry-After")).isPresent();
        assertThat(Jsoup.parse(index.body()).select("main .unavailable").text())
                .contains("Posts cannot be loaded right now");
        HttpResponse<String> write = timed(answers, () -> alice.post("/create", "title", "During the outage",
                "body", "Not saved"));
        assertThat(write.statusCode()).isEqualTo(503);
        assertThat(Jsoup.parse(write.body()).select("input[name=title]").val()).isEqualTo("During the outage");
        assertThat(timed(answers, () -> visitor.post("/auth/login", "username", "alice", "password", "alice-password"))
                .statusCode()).isEqualTo(503);
        assertThat(timed(answers, () -> visitor.get("/")).statusCode()).isEqualTo(503);
        assertThat(answers).allSatisfy(elapsed -> assertThat(elapsed).isLessThan(OutageTest.BOUND));
        Timed.until(Duration.ofSeconds(10), () -> visitor.get("/health/readiness").statusCode() == 503);

        server.start();
        Duration recovery = Timed.until(Duration.ofSeconds(15), () -> alice.get("/").statusCode() == 200);
        Timed.until(Duration.ofSeconds(15), () -> visitor.get("/health/readiness").statusCode() == 200);
        WebSession.expectRedirect(alice.post("/create", "title", "After the outage", "body", ""), "/");
        visitor.registerAndLogIn("dave", "dave-password");
        assertThat(visitor.get("/").body()).contains("After the outage").doesNotContain("During the outage");
        System.out.printf("pgbouncer outage: worst answer %d ms over %d requests; index served again %d ms after "
                + "PgBouncer's server was back%n", answers.stream().max(Duration::compareTo).orElseThrow().toMillis(),
                answers.size(), recovery.toMillis());

        List<String> warnings = monitorLog.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("Data tier unreachable:");
    }

    @Test
    @Order(5)
    void anInstanceExpectingAnotherStatementTimeoutThanTheRolesSaysHowToSetIt() {
        monitorLog.list.clear();
        try (TestApp other = TestApp.start(Map.of(
                        "DATABASE_URL", "postgresql://" + role + ":" + PASSWORD + "@127.0.0.1:" + bouncer.port() + "/"
                                + PgBouncer.DATABASE + "?pool_mode=transaction",
                        "DATABASE_MIGRATION_URL", "postgresql://" + role + ":" + PASSWORD + "@" + serverHost + ":"
                                + serverPort + "/" + serverDatabase,
                        "TIERBLOG_DATA_DIR", directory.resolve("other").toString()),
                Map.of("tierblog.data-tier.statement-timeout", "1500ms"))) {
            assertThat(new WebSession(other.baseUrl()).get("/").statusCode()).isEqualTo(200);
        }
        assertThat(monitorLog.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Through the transaction pooler the statement timeout is the role's, and it is "
                        + STATEMENT_TIMEOUT.toMillis() + " ms, not 1500 ms as configured: run ALTER ROLE " + role
                        + " SET statement_timeout = '1500ms' on PostgreSQL.");
    }

    private static <T> T timed(List<Duration> answers, Supplier<T> request) {
        Timed<T> timed = Timed.of(request);
        answers.add(timed.elapsed());
        return timed.value();
    }

    private static Connection connectThroughPgBouncer(String parameters) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/" + PgBouncer.DATABASE
                + "?" + parameters, properties);
    }

    /**
     * Three connections taking turns with the same two statements, each far more than five times:
     * how many executions failed.
     */
    private static int preparedStatementFailures(String parameters) throws SQLException {
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                connections.add(connectThroughPgBouncer(parameters));
            }
            int failures = 0;
            for (int i = 0; i < 60; i++) {
                Connection connection = connections.get(i % connections.size());
                String sql = i % 2 == 0 ? "SELECT count(*) + ? FROM posts" : "SELECT count(*) - ? FROM posts";
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setInt(1, i);
                    statement.executeQuery().close();
                } catch (SQLException e) {
                    assertThat(e.getMessage()).contains("prepared statement");
                    failures++;
                }
            }
            return failures;
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
