package io.tierblog.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailoverConnectionEvictionTest {
    private final SQLExceptionOverride eviction = new FailoverConnectionEviction();

    @Test
    void aConnectionToAServerThatTakesNoWritesIsEvicted() {
        assertThat(eviction.adjudicate(new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
                .isEqualTo(Override.MUST_EVICT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "23505", "57014", "40001", "42P01"})
    void everythingElseIsLeftToHikariCpsOwnRules(String sqlState) {
        // HikariCP itself evicts on 08xxx and 57P01-57P03, and keeps the connection otherwise.
        assertThat(eviction.adjudicate(new SQLException("failure", sqlState))).isEqualTo(Override.CONTINUE_EVICT);
    }

    @Test
    void aFailureWithoutSqlStateIsLeftToHikariCp() {
        assertThat(eviction.adjudicate(new SQLException("no state"))).isEqualTo(Override.CONTINUE_EVICT);
    }

    @Test
    void hikariCpCanMakeItFromItsClassName() throws ReflectiveOperationException {
        HikariConfig config = new HikariConfig();
        // Refuses a class it cannot load.
        config.setExceptionOverrideClassName(FailoverConnectionEviction.class.getName());

        // As the pool makes it: loaded by name, public no-argument constructor, from another package.
        Object made = Class.forName(config.getExceptionOverrideClassName(), true, HikariConfig.class.getClassLoader())
                .getConstructor().newInstance();
        assertThat(made).isInstanceOf(SQLExceptionOverride.class).isInstanceOf(FailoverConnectionEviction.class);
    }
}
