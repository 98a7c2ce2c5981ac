package io.tierblog.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.ThrottleVerdict;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import io.tierblog.domain.testing.LoginAttemptRepositoryContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcLoginAttemptRepositoryTest extends LoginAttemptRepositoryContract {
    private static PostgresAdapters adapters;

    @BeforeAll
    static void startContext() {
        adapters = PostgresAdapters.start("jdbc_login_failures");
    }

    @AfterAll
    static void closeContext() {
        adapters.close();
    }

    @Override
    protected LoginAttemptRepository emptyRepository() {
        adapters.database().execute("TRUNCATE login_failures");
        return adapters.bean(LoginAttemptRepository.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(attempts).isInstanceOf(JdbcLoginAttemptRepository.class);
    }

    @Test
    void onlyDigestsAreStored() throws Exception {
        attempts.admit(Set.of(ThrottleKey.forUsername("hunter2 typed as a name")), Instant.parse("2024-01-01T00:00:00Z"),
                Instant.EPOCH, f -> ThrottleVerdict.allow());

        try (Connection connection = adapters.database().connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT throttle_key FROM login_failures")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).matches("user:[0-9a-f]{64}").doesNotContain("hunter2");
        }
    }

    @Test
    void aFailingPolicyRollsBackAndCountsNothing() {
        ThrottleKey key = ThrottleKey.forUsername("rollback");

        assertThatThrownBy(() -> attempts.admit(Set.of(key), Instant.parse("2024-01-01T00:00:00Z"), Instant.EPOCH,
                f -> {
                    throw new IllegalStateException("policy failed");
                })).hasMessage("policy failed");

        assertThat(attempts.failures(key, Instant.EPOCH).count()).isZero();
    }
}
