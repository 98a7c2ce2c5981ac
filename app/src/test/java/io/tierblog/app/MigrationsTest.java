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
import java.util.LinkedHashMap;
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
                    "title text NO", "body text NO", "language text NO", "search tsvector NO", "revision bigint NO");
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
    void version6GivesExistingPostsRevisionZeroAndEveryWriteByAnyClientANewOne() throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("migrations_v6");
        flyway(database).target("4").load().migrate();
        database.execute("INSERT INTO users (username, password) VALUES ('u', 'h')",
                "INSERT INTO posts (author_id, title, body) SELECT id, 'written before', 'b' FROM users");

        flyway(database).load().migrate();

        try (Connection c = connect(database); Statement s = c.createStatement()) {
            assertThat(strings(c, "SELECT revision FROM posts")).containsExactly("0");
            s.execute("INSERT INTO posts (author_id, title, body, revision) SELECT id, 'new', 'b', 0 FROM users");
            s.execute("UPDATE posts SET body = 'edited' WHERE title = 'written before'");
            List<String> revisions = strings(c, "SELECT revision FROM posts ORDER BY id");
            assertThat(revisions).doesNotContain("0").doesNotHaveDuplicates();
            // A client whose search_path does not name the schema: the trigger finds the sequence anyway.
            s.execute("SET search_path TO pg_catalog");
            // (Only created changes: search_words_follow_posts, of version 4, names its table by search_path.)
            s.execute("UPDATE " + database.schema() + ".posts SET created = created + interval '1 second'"
                    + " WHERE title = 'new'");
            s.execute("SET search_path TO " + database.schema());
            assertThat(strings(c, "SELECT revision FROM posts ORDER BY id")).doesNotContain("0")
                    .doesNotHaveDuplicates().element(1).isNotEqualTo(revisions.get(1));
        }
    }

    @Test
    void version3MakesExistingPostsEnglishAndPostgresKeepsEachPostsSearchDataInItsOwnLanguage()
            throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("migrations_v3");
        flyway(database).target("2").load().migrate();
        database.execute("INSERT INTO users (username, password) VALUES ('u', 'h')",
                "INSERT INTO posts (author_id, title, body) SELECT id, 'Running replicas', 'The cats' FROM users");

        flyway(database).target("4").load().migrate();

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
    void version5KeepsTheWordListExactThroughStatementsOfManyRows() throws SQLException {
        TestDatabase database = TestDatabases.migratedSchema("migrations_v5");
        String recount = "SELECT p.language, w, count(*) FROM posts p, post_words(p.title, p.body) AS w "
                + "GROUP BY p.language, w";
        String difference = "SELECT count(*) FROM ((SELECT language, word, posts FROM search_words EXCEPT " + recount
                + ") UNION ALL (" + recount + " EXCEPT SELECT language, word, posts FROM search_words)) AS d";
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + database.schema() + ", public");
            s.execute("INSERT INTO users (username, password) VALUES ('u', 'h')");
            // One statement of 300 posts sharing most of their words, as an import writes them.
            s.execute("INSERT INTO posts (author_id, title, body, language) "
                    + "SELECT u.id, 'Post ' || n || ' about word' || (n % 7), "
                    + "'shared words here and word' || (n % 13) || ' ' || repeat('common ', n % 3), "
                    + "CASE WHEN n % 5 = 0 THEN 'da' ELSE 'en' END FROM users u, generate_series(1, 300) AS n");
            assertThat(strings(c, difference)).as("after the insert").containsExactly("0");
            // The search data names each post's id bucket, which no word parses to.
            assertThat(strings(c, "SELECT count(*) FROM posts "
                    + "WHERE search @@ quote_literal('id bucket ' || (id / 32768))::tsquery")).containsExactly("300");
            assertThat(strings(c, "SELECT count(*) FROM posts "
                    + "WHERE search @@ websearch_to_tsquery('english', '\"id bucket 0\"')"))
                    .as("typed, the words are words").containsExactly("0");
            assertThat(strings(c, "SELECT posts FROM search_words WHERE language = 'en' AND word = 'shared'"))
                    .containsExactly("240");

            s.execute("UPDATE posts SET body = body || ' edited' WHERE id % 2 = 0");
            assertThat(strings(c, difference)).as("after editing half").containsExactly("0");
            s.execute("UPDATE posts SET created = created - interval '1 day'");
            assertThat(strings(c, difference)).as("after an update that changes no words").containsExactly("0");
            s.execute("UPDATE posts SET language = 'da' WHERE id % 3 = 0");
            assertThat(strings(c, difference)).as("after changing languages").containsExactly("0");
            s.execute("UPDATE posts SET body = 'word' || (id % 13), title = title WHERE id % 4 = 1");
            assertThat(strings(c, difference)).as("after rewriting bodies").containsExactly("0");
            s.execute("DELETE FROM posts WHERE id % 3 = 1");
            assertThat(strings(c, difference)).as("after deleting a third").containsExactly("0");
            assertThat(strings(c, "SELECT count(*) FROM search_words WHERE posts <= 0")).containsExactly("0");
            s.execute("DELETE FROM posts");
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
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Applied 6 migration(s)");
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
    void infoListsPendingMigrationsOnAnEmptySchemaAndAppliedOnesAfterMigrate() throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("migrate-info");
        Commands commands = new Commands(Map.of("DATABASE_URL", TestApp.databaseUrl(database),
                "TIERBLOG_DATA_DIR", dataDirectory.toString()));

        assertThat(commands.run("info")).isZero();
        assertThat(commands.out()).isEqualTo("""
                Version  Description                 State    Installed on
                1        users and posts             Pending
                2        login failures              Pending
                3        post language and search    Pending
                4        search words                Pending
                5        search words per statement  Pending
                6        post revision               Pending
                Schema version: none; 0 applied, 6 pending.
                """);
        assertThat(commands.err()).isEmpty();
        try (Connection c = connect(database)) {
            assertThat(strings(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + database.schema() + "'")).as("info changes nothing").containsExactly("0");
        }

        assertThat(commands.run("migrate")).isZero();
        List<String> installed;
        try (Connection c = connect(database)) {
            installed = strings(c, "SELECT to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS') FROM flyway_schema_history"
                    + " ORDER BY installed_rank");
        }
        assertThat(installed).hasSize(6);
        String applied = """
                Version  Description                 State    Installed on
                1        users and posts             Success  %s
                2        login failures              Success  %s
                3        post language and search    Success  %s
                4        search words                Success  %s
                5        search words per statement  Success  %s
                6        post revision               Success  %s
                Schema version: 6; 6 applied, 0 pending.
                """.formatted(installed.toArray());
        assertThat(commands.run("info")).isZero();
        assertThat(commands.out()).isEqualTo(applied);
        assertThat(commands.run("migrate", "--info")).as("the alias").isZero();
        assertThat(commands.out()).isEqualTo(applied);
        assertThat(commands.err()).isEmpty();
    }

    @Test
    void infoShowsAMigrationTheDatabaseHasAndThisBuildDoesNot() {
        TestDatabase database = TestDatabases.migratedSchema("migrate-info-future");
        database.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, installed_on, execution_time, success)"
                + " VALUES (99, '99', 'from a newer build', 'SQL', 'V99__from_a_newer_build.sql', 1, 'test',"
                + " TIMESTAMP '2030-01-02 03:04:05', 1, true)");
        Commands commands = new Commands(Map.of("DATABASE_URL", TestApp.databaseUrl(database),
                "TIERBLOG_DATA_DIR", dataDirectory.toString()));

        assertThat(commands.run("info")).isZero();
        assertThat(commands.out().lines())
                .contains("99       from a newer build          Future   2030-01-02 03:04:05")
                .last().isEqualTo("Schema version: 99; 7 applied, 0 pending.");
    }

    @Test
    void infoOnAnUnreachableDatabaseFails() {
        Commands commands = new Commands(Map.of("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none",
                "TIERBLOG_DATA_DIR", dataDirectory.toString()));

        assertThat(commands.run("info")).isEqualTo(1);
        assertThat(commands.err()).startsWith("tierblog info failed: ");
        assertThat(commands.out()).isEmpty();
    }

    @Test
    void withJsonLogsMigrateLogsItsSummaryInsteadOfPrintingIt() {
        TestDatabase database = TestDatabases.freshSchema("migrate-json");
        Commands commands = new Commands(Map.of("DATABASE_URL", TestApp.databaseUrl(database),
                "TIERBLOG_DATA_DIR", dataDirectory.toString(), "TIERBLOG_LOG_FORMAT", "json"));

        assertThat(commands.run("migrate")).isZero();
        assertThat(commands.out()).isEmpty();
        assertThat(commands.run("info")).isZero();
        assertThat(commands.out()).endsWith("Schema version: 6; 6 applied, 0 pending.\n");
    }

    @Test
    void anUnknownLogFormatIsRefusedBeforeAnythingStarts() {
        Commands commands = new Commands(Map.of("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none",
                "TIERBLOG_DATA_DIR", dataDirectory.toString(), "TIERBLOG_LOG_FORMAT", "xml"));

        for (String command : List.of("serve", "migrate", "info")) {
            assertThat(commands.run(command)).as(command).isEqualTo(1);
            assertThat(commands.err()).isEqualTo("tierblog " + command
                    + " failed: TIERBLOG_LOG_FORMAT must be text or json, not 'xml'\n");
        }
        assertThat(dataDirectory).isEmptyDirectory();
    }

    @Test
    void anUnknownCommandPrintsUsage() {
        Commands commands = new Commands(Map.of());

        assertThat(commands.run("destroy")).isEqualTo(2);
        assertThat(commands.err()).contains("Unknown command: destroy").contains("Usage:");
    }

    @Test
    void unknownArgumentsPrintUsageAndExitWithTwo() {
        Commands commands = new Commands(Map.of("TIERBLOG_DATA_DIR", dataDirectory.toString()));
        Map<List<String>, String> misuses = new LinkedHashMap<>();
        misuses.put(List.of("bogus"), "Unknown command: bogus");
        misuses.put(List.of("migrate", "--bogus"), "Unknown argument for migrate: --bogus");
        misuses.put(List.of("migrate", "--info", "--bogus"), "Unknown argument for migrate: --info --bogus");
        misuses.put(List.of("migrate", "info"), "Unknown argument for migrate: info");
        misuses.put(List.of("info", "--all"), "Unknown argument for info: --all");
        misuses.put(List.of("serve", "--bogus"), "Unknown argument for serve: --bogus");
        misuses.put(List.of("--bogus"), "Unknown argument for serve: --bogus");
        misuses.put(List.of("serve", "migrate"), "Unknown argument for serve: migrate");

        misuses.forEach((args, message) -> {
            assertThat(commands.run(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(commands.err()).as("%s", args).startsWith(message).contains(Launcher.USAGE);
            assertThat(commands.out()).as("%s", args).isEmpty();
        });
        assertThat(dataDirectory).as("nothing was started").isEmptyDirectory();
    }

    @Test
    void helpPrintsUsageOnStandardOutput() {
        Commands commands = new Commands(Map.of());

        for (String help : List.of("help", "--help", "-h")) {
            assertThat(commands.run(help)).as(help).isZero();
            assertThat(commands.out()).as(help).isEqualTo(Launcher.USAGE + "\n").contains("info", "migrate --info");
            assertThat(commands.err()).isEmpty();
        }
    }

    /** A launcher with its standard output and error captured; each read empties them. */
    private static final class Commands {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Launcher launcher;

        Commands(Map<String, String> env) {
            launcher = new Launcher(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        }

        Integer run(String... args) {
            out.reset();
            err.reset();
            return launcher.run(args);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
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
