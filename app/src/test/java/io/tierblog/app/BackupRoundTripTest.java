package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup and its restore, as docs/operations.md tells an operator to make them: {@code pg_dump}
 * in custom format of a blog populated through its pages, {@code pg_restore} into a database that
 * was empty, and the blog started on the copy. Tests share one database with a schema per class,
 * so the dump is of this class's schema ({@code -n}) where an operator dumps the whole database;
 * the copy goes into a new database of its own.
 *
 * <p>{@code pg_dump} refuses a server newer than itself: without client programs of the server's
 * release or later on this machine (see {@link PostgresClientTools}) the test is skipped, saying
 * what it found.
 */
class BackupRoundTripTest {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);
    private static final String PASSWORD = "a \"backed-up\" password ✓";
    private static final List<String[]> POSTS = List.of(
            new String[] {"Quotes: \"double\", 'single', `back` & <angle>", "Line one\nline two\r\nline three\ttabbed"},
            new String[] {"Unicode: æøå, ß, Ελληνικά, 日本語, 🐘🎉", "Combining: e\u0301 (é), zero width: a\u200Bb, RTL: \u05E9\u05DC\u05D5\u05DD"},
            new String[] {"Backslashes \\ and SQL: '); DROP TABLE posts; --", "COPY-looking text:\n\\.\n\\N\t\\t end"});

    @TempDir
    Path dataDirectory;
    @TempDir
    Path backups;

    @Test
    void aDumpRestoredIntoAnEmptyDatabaseServesTheSamePostsAndNeedsNoMigration() throws Exception {
        TestDatabase source = TestDatabases.freshSchema("backup");
        int serverMajor = serverMajor(source);
        PostgresClientTools.Found found = PostgresClientTools.find(serverMajor);
        Assumptions.assumeTrue(found.tools().isPresent(), () -> "pg_dump refuses a server newer than itself,"
                + " and no pg_dump, pg_restore and psql of PostgreSQL " + serverMajor + " or later were found (found: "
                + found.describe() + "); install them or point " + PostgresClientTools.BIN_VARIABLE + " at them");
        PostgresClientTools tools = found.tools().get();

        List<String> indexBefore;
        List<String> ownIndexBefore;
        try (TestApp app = TestApp.onDatabase(source, dataDirectory)) {
            WebSession author = new WebSession(app.baseUrl()).registerAndLogIn("backup-author", PASSWORD);
            for (String[] post : POSTS) {
                WebSession.expectRedirect(author.post("/create", "title", post[0], "body", post[1]), "/");
            }
            indexBefore = posts(new WebSession(app.baseUrl()).get("/").body());
            ownIndexBefore = posts(author.get("/").body());
        }
        assertThat(indexBefore).hasSize(POSTS.size());
        assertThat(rows(source, "posts")).extracting(row -> row.get(3) + "|" + row.get(4))
                .as("stored exactly as typed").containsExactlyInAnyOrderElementsOf(
                        POSTS.stream().map(post -> post[0] + "|" + post[1]).toList());

        Server server = Server.of(source);
        Path dump = backups.resolve("tierblog.dump");
        expectSuccess(tools, server, "pg_dump", "--format=custom", "--schema=" + source.schema(),
                "--file=" + dump, "--dbname=" + server.database());
        assertThat(Files.size(dump)).isPositive();

        String copy = "tierblog_restore_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        expectSuccess(tools, server, "psql", "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--dbname=" + server.database(),
                "--command=CREATE DATABASE " + copy);
        TestDatabase restored = new TestDatabase(server.jdbcUrl(copy) + "?currentSchema=" + source.schema(),
                source.username(), source.password(), source.schema());
        try {
            assertThat(strings(restored, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"))
                    .as("the copy's database is empty before the restore").containsExactly("0");

            // A dump of one schema leaves out the extensions, which live in the database's public
            // schema; a dump of the whole database (the operator's command) carries them itself.
            expectSuccess(tools, server, "psql", "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--dbname=" + copy,
                    "--command=CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public");
            expectSuccess(tools, server, "pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
                    "--dbname=" + copy, dump.toString());

            for (String table : List.of("users", "posts", "login_failures", "flyway_schema_history")) {
                assertThat(rows(restored, table)).as(table).isEqualTo(rows(source, table));
            }
            Map<String, String> env = Map.of("DATABASE_URL", TestApp.databaseUrl(restored),
                    "TIERBLOG_DATA_DIR", dataDirectory.toString());
            assertThat(command(env, "info")).endsWith("Schema version: 6; 6 applied, 0 pending.\n");
            assertThat(command(env, "migrate")).startsWith("Applied 0 migration(s); schema version is now 6.");

            try (TestApp app = TestApp.onDatabase(restored, dataDirectory)) {
                assertThat(posts(new WebSession(app.baseUrl()).get("/").body()))
                        .as("the same index, to the markup").isEqualTo(indexBefore);
                WebSession author = new WebSession(app.baseUrl());
                WebSession.expectRedirect(author.post("/auth/login", "username", "backup-author", "password", PASSWORD), "/");
                assertThat(posts(author.get("/").body())).as("with the author's edit links").isEqualTo(ownIndexBefore);

                WebSession.expectRedirect(author.post("/create", "title", "After the restore", "body", ""), "/");
                assertThat(strings(restored, "SELECT id > (SELECT max(id) FROM posts WHERE title <> 'After the restore')"
                        + " FROM posts WHERE title = 'After the restore'"))
                        .as("the identity sequences came along: a new post gets a new id").containsExactly("t");
            }
        } finally {
            expectSuccess(tools, server, "psql", "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--dbname=" + server.database(),
                    "--command=DROP DATABASE IF EXISTS " + copy);
        }
    }

    /** Where the test server is, as the client programs take it. */
    private record Server(String host, int port, String database, String username, String password) {
        static Server of(TestDatabase database) {
            URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
            return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                    database.username(), database.password());
        }

        String jdbcUrl(String otherDatabase) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + otherDatabase;
        }

        Map<String, String> environment() {
            Map<String, String> env = new HashMap<>();
            env.put("PGHOST", host);
            env.put("PGPORT", Integer.toString(port));
            env.put("PGUSER", username);
            env.put("PGPASSWORD", password == null ? "" : password);
            env.put("PGCONNECT_TIMEOUT", "10");
            return env;
        }
    }

    private static void expectSuccess(PostgresClientTools tools, Server server, String program, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(tools.program(program).toString()));
        command.addAll(List.of(arguments));
        PostgresClientTools.Run run = PostgresClientTools.run(command, server.environment(), TOOL_TIMEOUT);
        assertThat(run.status()).as("%s exited with %d:\n%s", command, run.status(), run.output()).isZero();
    }

    /** A launcher command's standard output; fails unless it exits with 0 and prints nothing on stderr. */
    private static String command(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Integer status = new Launcher(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        assertThat(status).as("%s: %s", List.of(args), err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The index's posts, each as its markup. */
    private static List<String> posts(String html) {
        return Jsoup.parse(html).select("article.post").stream().map(org.jsoup.nodes.Element::outerHtml).toList();
    }

    private static int serverMajor(TestDatabase database) throws SQLException {
        return Integer.parseInt(strings(database, "SHOW server_version_num").get(0)) / 10_000;
    }

    /** Every row of a table in the database's schema, every column as text, in a fixed order. */
    private static List<List<String>> rows(TestDatabase database, String table) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet result = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.add(result.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<String> strings(TestDatabase database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.username());
        properties.setProperty("password", database.password() == null ? "" : database.password());
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
