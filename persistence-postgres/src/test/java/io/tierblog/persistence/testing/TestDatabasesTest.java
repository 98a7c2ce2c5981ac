package io.tierblog.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    @Test
    void eachFreshSchemaIsNewEmptyAndSelectedByItsUrl() throws SQLException {
        TestDatabase first = TestDatabases.freshSchema("Resolver Test!");
        TestDatabase second = TestDatabases.freshSchema("Resolver Test!");

        assertThat(first.schema()).startsWith("t_resolver_test_").matches("[a-z0-9_]+");
        assertThat(second.schema()).isNotEqualTo(first.schema());
        assertThat(first.jdbcUrl()).endsWith("currentSchema=" + first.schema());
        assertThat(single(first, "SELECT current_schema()")).isEqualTo(first.schema());
        assertThat(single(first, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"))
                .isEqualTo("0");
    }

    @Test
    void migrateAppliesTheMigrationsToThatSchemaOnly() throws SQLException {
        TestDatabase migrated = TestDatabases.migratedSchema("migrated");
        TestDatabase untouched = TestDatabases.freshSchema("untouched");

        assertThat(tables(migrated)).contains("users", "posts", "flyway_schema_history");
        assertThat(tables(untouched)).isEmpty();
        assertThatThrownBy(() -> untouched.execute("SELECT 1 FROM users")).hasMessageContaining("users");
    }

    @Test
    void micronautPropertiesDescribeTheSchemasDataSource() {
        TestDatabase database = TestDatabases.freshSchema("props");

        assertThat(database.micronautProperties())
                .containsEntry("datasources.default.url", database.jdbcUrl())
                .containsEntry("datasources.default.username", database.username())
                .containsEntry("datasources.default.password", database.password())
                .containsEntry("datasources.default.driver-class-name", "org.postgresql.Driver")
                .containsEntry("datasources.default.dialect", "POSTGRES")
                .containsEntry("datasources.default.schema-generate", "NONE");
    }

    @Test
    void describeNamesTheSourceAndTheServer() {
        TestDatabase database = TestDatabases.freshSchema("describe");
        String server = database.jdbcUrl().substring(0, database.jdbcUrl().indexOf('?'));

        assertThat(TestDatabases.describe())
                .containsAnyOf(TestDatabases.URL_VARIABLE, "Testcontainers", "local PostgreSQL")
                .contains(server);
        if (!database.password().isEmpty()) {
            assertThat(TestDatabases.describe()).doesNotContain(database.password());
        }
    }

    @Test
    void aTestDatabaseDoesNotShowItsPassword() {
        TestDatabase database = new TestDatabase("jdbc:postgresql://db:5432/test?currentSchema=t_x", "tester",
                "pw-never-shown", "t_x");

        assertThat(database.toString()).contains("jdbc:postgresql://db:5432/test", "tester")
                .doesNotContain("pw-never-shown");
    }

    @Test
    void labelsBecomeSafeSchemaNames() {
        assertThat(TestDatabases.schemaName("JdbcUserRepositoryTest")).matches("t_jdbcuserrepositorytest_[0-9a-f]{10}");
        assertThat(TestDatabases.schemaName("\"; DROP SCHEMA public; --")).matches("t_drop_schema_public_[0-9a-f]{10}");
        assertThat(TestDatabases.schemaName("")).matches("t_[0-9a-f]{10}");
        assertThat(TestDatabases.schemaName("x".repeat(100))).hasSizeLessThanOrEqualTo(63);
    }

    private static String single(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static List<String> tables(TestDatabase database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        return names;
    }
}
