package io.tierblog.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;

/**
 * A schema of its own on the test PostgreSQL server, from {@link TestDatabases#freshSchema}.
 * {@link #jdbcUrl()} selects the schema with {@code currentSchema}, so whatever connects through
 * it reads and writes only there.
 */
public record TestDatabase(String jdbcUrl, String username, String password, String schema) {

    /** Applies the Flyway migrations on the classpath ({@code classpath:db/migration}) to the schema. */
    public TestDatabase migrate() {
        Flyway.configure()
                .dataSource(jdbcUrl, username, password)
                .schemas(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return this;
    }

    /**
     * Micronaut settings of a default data source on this schema, for {@code ApplicationContext.run(map)}
     * or a {@code TestPropertyProvider}: URL, credentials, driver, dialect POSTGRES, no schema
     * generation, and a small pool.
     */
    public Map<String, Object> micronautProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", jdbcUrl);
        properties.put("datasources.default.username", username);
        properties.put("datasources.default.password", password);
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        properties.put("datasources.default.dialect", "POSTGRES");
        properties.put("datasources.default.schema-generate", "NONE");
        properties.put("datasources.default.maximum-pool-size", 4);
        properties.put("datasources.default.minimum-idle", 1);
        return properties;
    }

    /** A new connection to the schema; the caller closes it. */
    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Runs SQL statements on a connection of their own. */
    public void execute(String... statements) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on test schema " + schema + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + jdbcUrl + ", user " + username + "]";
    }
}
