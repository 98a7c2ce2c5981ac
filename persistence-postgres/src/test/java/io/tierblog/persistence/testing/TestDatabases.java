package io.tierblog.persistence.testing;

import io.tierblog.persistence.DatabaseUrl;
import io.tierblog.persistence.embedded.LocalPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way tests reach PostgreSQL. The server is, in this order:
 * <ol>
 *   <li>the one {@code TEST_DATABASE_URL} names ({@code postgresql://user:password@host:port/db});</li>
 *   <li>a Testcontainers PostgreSQL 17, when Testcontainers is on the classpath and Docker answers;</li>
 *   <li>a {@link LocalPostgres} on a throwaway data directory, one per JVM.</li>
 * </ol>
 * Each test class takes a schema of its own with {@link #freshSchema} (empty) or
 * {@link #migratedSchema} (with the Flyway migrations applied).
 */
public final class TestDatabases {
    public static final String URL_VARIABLE = "TEST_DATABASE_URL";

    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static Server server;

    private TestDatabases() {
    }

    /** A new, empty schema named after {@code label} (made unique), on the test server. */
    public static synchronized TestDatabase freshSchema(String label) {
        Server current = server();
        String schema = schemaName(label);
        try (Connection connection = current.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test schema " + schema + " on "
                    + current.description(), e);
        }
        current.created(schema);
        return new TestDatabase(withParameter(current.jdbcUrl(), "currentSchema", schema), current.username(),
                current.password(), schema);
    }

    /** A new schema with the Flyway migrations applied. */
    public static TestDatabase migratedSchema(String label) {
        return freshSchema(label).migrate();
    }

    /** Which server the tests use, fit to log; resolving it if no test has yet. */
    public static synchronized String describe() {
        return server().description();
    }

    private static Server server() {
        if (server == null) {
            server = resolve();
            LOG.info("Tests use {}", server.description());
        }
        return server;
    }

    private static Server resolve() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            DatabaseUrl parsed = DatabaseUrl.parse(url);
            Server external = new Server(parsed.jdbcUrl(),
                    parsed.username().orElse(System.getProperty("user.name")), parsed.password().orElse(""),
                    URL_VARIABLE + " " + parsed.redacted(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(external::dropCreatedSchemas, "test-schema-cleanup"));
            return external;
        }
        if (testcontainersPresent() && Containers.usable()) {
            return Containers.start();
        }
        LocalPostgres local = LocalPostgres.builder().fsync(false).database("tierblog_test").start();
        return new Server(local.jdbcUrl("tierblog_test"), local.username(), "",
                "local PostgreSQL at " + local.jdbcUrl("tierblog_test") + " (throwaway data in "
                        + local.dataDirectory() + ")", false);
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.containers.PostgreSQLContainer", false,
                    TestDatabases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }

    static String schemaName(String label) {
        String cleaned = label == null ? "" : label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(0, 40);
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        return "t_" + (cleaned.isEmpty() ? "" : cleaned + "_") + suffix;
    }

    static String withParameter(String jdbcUrl, String name, String value) {
        return jdbcUrl + (jdbcUrl.indexOf('?') < 0 ? "?" : "&") + name + "=" + value;
    }

    /** A PostgreSQL server and database the test schemas go into. */
    record Server(String jdbcUrl, String username, String password, String description, boolean dropOnExit,
                  List<String> schemas) {
        Server(String jdbcUrl, String username, String password, String description, boolean dropOnExit) {
            this(jdbcUrl, username, password, description, dropOnExit, new ArrayList<>());
        }

        Connection connect() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", username);
            properties.setProperty("password", password);
            return DriverManager.getConnection(jdbcUrl, properties);
        }

        synchronized void created(String schema) {
            schemas.add(schema);
        }

        /** Best effort: a schema left behind by a killed JVM only takes some space. */
        synchronized void dropCreatedSchemas() {
            if (!dropOnExit || schemas.isEmpty()) {
                return;
            }
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (String schema : schemas) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            } catch (SQLException e) {
                System.err.println("Could not drop test schemas " + schemas + ": " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
