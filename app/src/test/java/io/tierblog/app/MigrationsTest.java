package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.app.datatier.Migrations;
import io.tierblog.persistence.DatabaseUrl;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations on an empty schema, and the {@code migrate} command that applies them. */
class MigrationsTest {
    @TempDir
    Path dataDirectory;

    @Test
    void anEmptySchemaGetsTheTablesAndIndexesTheAppNeeds() throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("migrations");

        var result = Migrations.migrate(DatabaseUrl.parse(TestApp.databaseUrl(database)));

        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        try (Connection c = connect(database)) {
            assertThat(columns(c, database.schema(), "users")).containsExactly(
                    "id bigint NO", "username text NO", "password text NO");
            assertThat(columns(c, database.schema(), "posts")).containsExactly(
                    "id bigint NO", "author_id bigint NO", "created timestamp with time zone NO",
                    "title text NO", "body text NO", "language text NO", "search tsvector NO");
            assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE schemaname = '" + database.schema()
                    + "' AND tablename = 'posts'"))
                    .anySatisfy(def -> assertThat(def).contains("(created DESC, id DESC)"))
                    .anySatisfy(def -> assertThat(def).contains("(author_id)"))
                    .anySatisfy(def -> assertThat(def).contains("USING gin (search)"));
            assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE schemaname = '" + database.schema()
                    + "' AND tablename = 'users'"))
                    .anySatisfy(def -> assertThat(def).contains("UNIQUE").contains("(username)"));
            assertThat(columns(c, database.schema(), "login_failures")).containsExactly(
                    "throttle_key text NO", "failures integer NO", "last_failure timestamp with time zone YES");
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("INSERT INTO login_failures (throttle_key) VALUES ('alice')"))
                        .as("only digests are stored").hasMessageContaining("check constraint");
                s.execute("INSERT INTO users (username, password) VALUES ('u', 'h')");
                assertThatThrownBy(() -> s.execute("INSERT INTO posts (author_id, title, body) VALUES (424242, 't', 'b')"))
                        .hasMessageContaining("foreign key");
                s.execute("INSERT INTO posts (author_id, title, body) SELECT id, 't', 'b' FROM users");
                assertThat(strings(c, "SELECT created IS NOT NULL FROM posts")).containsExactly("t");
            }
        }
    }

    @Test
    void version3MakesExistingPostsEnglishAndPostgresKeepsEachPostsSearchDataInItsOwnLanguage()
            throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("migrations_v3");
        flyway(database).target("2").load().migrate();
        database.execute("INSERT INTO users (username, password) VALUES ('u', 'h')",
                "INSERT INTO posts (author_id, title, body) SELECT id, 'Running replicas', 'The cats' FROM users");

        flyway(database).load().migrate();

        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + database.schema());
            assertThat(strings(c, "SELECT language || ' ' || search::text FROM posts"))
                    .containsExactly("en 'cat':4B 'replica':2A 'run':1A");
            // Written by plain SQL, as a restore or an import would, then turned Danish: searchable at
            // once, with the Danish stemmer.
            s.execute("INSERT INTO posts (author_id, title, body) "
                    + "SELECT id, 'Hundene løber', 'og kattene' FROM users");
            s.execute("UPDATE posts SET language = 'da' WHERE title = 'Hundene løber'");
            assertThat(strings(c, "SELECT search::text FROM posts WHERE language = 'da'"))
                    .containsExactly("'hund':1A 'kat':4B 'løb':2A");
            assertThat(strings(c, "SELECT title FROM posts WHERE search @@ websearch_to_tsquery('danish', 'hunden')"))
                    .containsExactly("Hundene løber");
            // An edit changes the search data with it.
            s.execute("UPDATE posts SET body = 'replicas everywhere' WHERE language = 'en'");
            assertThat(strings(c, "SELECT search::text FROM posts WHERE language = 'en'"))
                    .containsExactly("'everywher':4B 'replica':2A,3B 'run':1A");
            assertThatThrownBy(() -> s.execute("UPDATE posts SET language = 'de'"))
                    .hasMessageContaining("check constraint");
            assertThatThrownBy(() -> s.execute("UPDATE posts SET search = ''"))
                    .hasMessageContaining("generated");

            // Version 4: the word list follows the posts, existing ones included, per language.
            assertThat(strings(c, "SELECT language || ' ' || word || ' ' || posts FROM search_words "
                    + "WHERE word IN ('running', 'replicas', 'everywhere', 'hundene') ORDER BY word"))
                    .containsExactly("en everywhere 1", "da hundene 1", "en replicas 1", "en running 1");
            s.execute("DELETE FROM posts WHERE language = 'da'");
            assertThat(strings(c, "SELECT count(*) FROM search_words WHERE language = 'da'")).containsExactly("0");
            assertThat(strings(c, "SELECT word FROM search_words WHERE word OPERATOR(public.%) 'replcia'"))
                    .containsExactly("replicas");
            s.execute("TRUNCATE posts");
            assertThat(strings(c, "SELECT count(*) FROM search_words")).containsExactly("0");
        }
    }

    @Test
    void theMigrateCommandAppliesPendingMigrationsOnceAndExits() throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("migrate-command");
        Map<String, String> env = Map.of("DATABASE_URL", TestApp.databaseUrl(database),
                "TIERBLOG_DATA_DIR", dataDirectory.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = new Launcher(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launcher.run("migrate")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Applied 4 migration(s)");
        try (Connection c = connect(database)) {
            assertThat(strings(c, "SELECT count(*) FROM users")).containsExactly("0");
        }

        out.reset();
        assertThat(launcher.run("migrate")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Applied 0 migration(s)");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadDatabaseUrlIsAClearErrorThatHidesThePassword() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = new Launcher(Map.of("DATABASE_URL", "mysql://user:hunter2@host/db",
                "TIERBLOG_DATA_DIR", dataDirectory.toString()),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launcher.run("migrate")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("migrate failed").doesNotContain("hunter2");
    }

    @Test
    void anUnknownCommandPrintsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = new Launcher(Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(launcher.run("destroy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown command: destroy").contains("Usage:");
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(TestDatabase database) {
        return org.flywaydb.core.Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .schemas(database.schema())
                .locations(Migrations.LOCATION);
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static List<String> columns(Connection c, String schema, String table) throws SQLException {
        return strings(c, "SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns"
                + " WHERE table_schema = '" + schema + "' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
