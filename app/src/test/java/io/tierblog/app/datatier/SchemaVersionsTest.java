package io.tierblog.app.datatier;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check that spares loading Flyway when the schema already has every migration. */
class SchemaVersionsTest {
    private static final SchemaVersions BUILD = new SchemaVersions(SchemaVersionsTest.class.getClassLoader());

    @TempDir
    Path temp;

    @Test
    void knowsTheVersionsThisBuildShips() {
        assertThat(BUILD.shipped()).contains(Set.of("1", "2", "3", "4", "5", "6"));
    }

    @Test
    void currentOnlyOnceFlywayHasAppliedEveryShippedMigration() throws SQLException {
        TestDatabase database = TestDatabases.freshSchema("versions");
        try (Connection connection = database.connect()) {
            assertThat(BUILD.isCurrent(connection)).as("no history table yet").isFalse();

            migrations(database).migrate();
            assertThat(BUILD.isCurrent(connection)).isTrue();
            assertThat(migrations(database).isCurrent(connection)).isTrue();

            String history = database.schema() + ".flyway_schema_history";
            database.execute("UPDATE " + history + " SET success = false WHERE version = '6'");
            assertThat(BUILD.isCurrent(connection)).as("a failed migration").isFalse();

            String schema = database.schema();
            database.execute("DELETE FROM " + history + " WHERE version = '6'",
                    "DROP TRIGGER posts_revision ON " + schema + ".posts",
                    "DROP FUNCTION " + schema + ".posts_next_revision()",
                    "ALTER TABLE " + schema + ".posts DROP COLUMN revision",
                    "DROP SEQUENCE " + schema + ".post_revisions");
            assertThat(BUILD.isCurrent(connection)).as("one pending").isFalse();
            assertThat(migrations(database).pending()).isEqualTo(1);

            migrations(database).migrate();
            assertThat(BUILD.isCurrent(connection)).isTrue();

            database.execute("INSERT INTO " + history + " (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (100, '99', 'from a newer build', 'SQL', "
                    + "'V99__from_a_newer_build.sql', 0, 'tester', 1, true)");
            assertThat(BUILD.isCurrent(connection)).as("the database is ahead of this build").isFalse();
        }
    }

    @Test
    void aSchemaWithoutHistoryBesideOneWithItIsNotCurrent() throws SQLException {
        TestDatabase migrated = TestDatabases.freshSchema("versions_done");
        migrations(migrated).migrate();
        TestDatabase empty = TestDatabases.freshSchema("versions_empty");
        try (Connection connection = empty.connect()) {
            connection.createStatement().execute("SET search_path TO " + empty.schema() + ", " + migrated.schema());
            assertThat(BUILD.isCurrent(connection)).as("the history of another schema on the search path").isFalse();
        }
    }

    @Test
    void readsScriptsFromDirectoriesAndJars() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("dir/db/migration"));
        Files.writeString(directory.resolve("V1__first.sql"), "select 1;");
        Files.writeString(directory.resolve("V1_1__second.sql"), "select 1;");
        Files.writeString(directory.resolve("V002__third.sql"), "select 1;");
        assertThat(versionsIn(temp.resolve("dir"))).contains(Set.of("1", "1.1", "2"));

        Path jar = temp.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : new String[] {"db/", "db/migration/", "db/migration/V1__a.sql", "db/migration/V3__c.sql",
                                             "other/V9__not_a_migration.sql"}) {
                out.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    out.write("select 1;".getBytes());
                }
                out.closeEntry();
            }
        }
        assertThat(versionsIn(jar)).contains(Set.of("1", "3"));
    }

    @Test
    void leavesToFlywayWhatItCannotVouchFor() throws IOException {
        Path repeatable = Files.createDirectories(temp.resolve("repeatable/db/migration"));
        Files.writeString(repeatable.resolve("V1__first.sql"), "select 1;");
        Files.writeString(repeatable.resolve("R__view.sql"), "select 1;");
        assertThat(versionsIn(temp.resolve("repeatable"))).isEmpty();

        Path nested = Files.createDirectories(temp.resolve("nested/db/migration/more"));
        Files.writeString(nested.resolve("V2__second.sql"), "select 1;");
        Files.writeString(nested.getParent().resolve("V1__first.sql"), "select 1;");
        assertThat(versionsIn(temp.resolve("nested"))).isEmpty();

        Path twice = Files.createDirectories(temp.resolve("twice/db/migration"));
        Files.writeString(twice.resolve("V1__first.sql"), "select 1;");
        Files.writeString(twice.resolve("V1.0__again.sql"), "select 1;");
        assertThat(versionsIn(temp.resolve("twice"))).isEmpty();

        Files.createDirectories(temp.resolve("none"));
        assertThat(versionsIn(temp.resolve("none"))).isEmpty();
    }

    @Test
    void versionsAreComparedAsFlywayReadsThem() {
        assertThat(SchemaVersions.normalized("1")).isEqualTo("1");
        assertThat(SchemaVersions.normalized("01")).isEqualTo("1");
        assertThat(SchemaVersions.normalized("1.0")).isEqualTo("1");
        assertThat(SchemaVersions.normalized("1_1")).isEqualTo("1.1");
        assertThat(SchemaVersions.normalized("2.0.10")).isEqualTo("2.0.10");
        assertThat(SchemaVersions.normalized("0")).isEqualTo("0");
    }

    private static Migrations migrations(TestDatabase database) {
        return new Migrations(database.jdbcUrl(), database.username(), database.password());
    }

    private static java.util.Optional<Set<String>> versionsIn(Path root) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return new SchemaVersions(loader).shipped();
        }
    }
}
