package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;

import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.executor.ExecutorConfiguration;
import io.micronaut.scheduling.executor.ExecutorType;
import io.tierblog.app.config.DataTier;
import io.tierblog.persistence.FailoverConnectionEviction;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection pool, and the page workers that match it, sized by HikariCP's formula unless
 * told; and what the pool throws away.
 */
class PoolSizeTest {
    private static final TestDatabase DATABASE = TestDatabases.freshSchema("pool_size").migrate();

    @TempDir
    Path data;

    @Test
    void theFormulaIsTwiceTheCoresPlusOne() {
        assertThat(DataTier.defaultPoolSize(1)).isEqualTo(3);
        assertThat(DataTier.defaultPoolSize(2)).isEqualTo(5);
        assertThat(DataTier.defaultPoolSize(16)).isEqualTo(33);
        assertThat(DataTier.defaultPoolSize(0)).isEqualTo(3);
    }

    @Test
    void withoutDatabasePoolSizeTheFormulaSizesThePoolAndThePageWorkers() {
        int expected = DataTier.defaultPoolSize(Runtime.getRuntime().availableProcessors());
        try (TestApp app = TestApp.start(env(null))) {
            assertSizes(app, expected);
        }
    }

    @Test
    void databasePoolSizeWins() {
        try (TestApp app = TestApp.start(env("7"))) {
            assertSizes(app, 7);
        }
    }

    @Test
    void aConnectionWhoseWriteIsRefusedAsOnAStandbyIsEvicted() throws Exception {
        try (TestApp app = TestApp.start(env(null))) {
            DataSource configured = app.running().context().getBean(DataSource.class);
            HikariDataSource pool = configured instanceof HikariDataSource hikari ? hikari
                    : configured.unwrap(HikariDataSource.class);
            assertThat(pool.getExceptionOverrideClassName()).isEqualTo(FailoverConnectionEviction.class.getName());

            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                // A syntax error keeps the connection in the pool...
                assertThatThrownBy(() -> statement.execute("SELEC 1")).isInstanceOf(SQLException.class);
                assertThat(connection.isClosed()).isFalse();
                // ...a write refused as on a standby (an old primary after a failover) has it thrown away.
                statement.execute("SET default_transaction_read_only = on");
                assertThatThrownBy(() -> statement.execute("CREATE TABLE refused_write (id int)"))
                        .isInstanceOfSatisfying(SQLException.class,
                                refused -> assertThat(refused.getSQLState()).isEqualTo("25006"));
                assertThat(connection.isClosed()).as("evicted by the pool").isTrue();
            }
            try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
                statement.execute("SELECT 1");
                assertThat(next.isReadOnly()).isFalse();
            }
        }
    }

    private Map<String, String> env(String poolSize) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", TestApp.databaseUrl(DATABASE));
        env.put("TIERBLOG_DATA_DIR", data.toString());
        if (poolSize != null) {
            env.put("DATABASE_POOL_SIZE", poolSize);
        }
        return env;
    }

    private static void assertSizes(TestApp app, int expected) {
        var context = app.running().context();
        assertThat(context.getRequiredProperty("datasources.default.maximum-pool-size", Integer.class))
                .isEqualTo(expected);
        ExecutorConfiguration pages = context.getBean(ExecutorConfiguration.class,
                Qualifiers.byName(TaskExecutors.BLOCKING));
        assertThat(pages.getType()).isEqualTo(ExecutorType.FIXED);
        assertThat(pages.getNumberOfThreads()).isEqualTo(expected);
    }
}
