package io.tierblog.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.tierblog.domain.exception.DataTierUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

class DataAccessFailuresTest {

    private static DataAccessException wrapped(Throwable cause) {
        return new DataAccessException("SQL error executing query", cause);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08004", "08006", "08007", "08P01",
            "57P01", "57P02", "57P03", "57014", "53300", "25006"})
    void connectionFailuresAndTimeoutsMeanTheDataTierIsUnavailable(String sqlState) {
        DataAccessException failure = wrapped(new SQLException("server said no", sqlState));

        RuntimeException translated = DataAccessFailures.translate(failure);

        assertThat(translated).isInstanceOf(DataTierUnavailableException.class).hasCause(failure);
        assertThat(translated.getMessage()).isNotBlank().doesNotContain("server said no");
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23503", "23502", "22001", "42P01", "42601", "40001", "40P01", "28P01",
            "53100", "57P04", "XX000"})
    void otherSqlFailuresAreRethrownUnchanged(String sqlState) {
        DataAccessException failure = wrapped(new SQLException("some failure", sqlState));

        assertThat(DataAccessFailures.translate(failure)).isSameAs(failure);
    }

    @Test
    void aWriteRefusedByAStandbyMeansTheDataTierIsUnavailable() {
        // What PgJDBC throws when an INSERT reaches an old primary that came back as a standby.
        PSQLException refused = new PSQLException(new ServerErrorMessage(
                "SERROR\u0000C25006\u0000Mcannot execute INSERT in a read-only transaction\u0000"));
        DataAccessException failure = wrapped(refused);

        RuntimeException translated = DataAccessFailures.translate(failure);

        assertThat(refused.getSQLState()).isEqualTo("25006");
        assertThat(translated).isInstanceOf(DataTierUnavailableException.class).hasCause(failure);
        assertThat(translated.getMessage()).contains("no longer the primary");
    }

    @Test
    void noPrimaryAmongTheListedHostsMeansTheDataTierIsUnavailable() {
        // PgJDBC's answer while every listed host is down or a standby (mid-failover).
        PSQLException noPrimary = new PSQLException("Could not find a server with specified targetServerType: primary",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);

        assertThat(DataAccessFailures.translate(wrapped(new SQLTransientConnectionException("pool", noPrimary))))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The database cannot be reached.");
    }

    @Test
    void aFailureWithoutSqlStateIsRethrownUnchanged() {
        DataAccessException failure = wrapped(new SQLException("no state"));

        assertThat(DataAccessFailures.translate(failure)).isSameAs(failure);
    }

    @Test
    void aPlainRuntimeExceptionIsRethrownUnchanged() {
        IllegalStateException failure = new IllegalStateException("bug");

        assertThat(DataAccessFailures.translate(failure)).isSameAs(failure);
    }

    @Test
    void aPoolTimeoutIsUnavailability() {
        SQLTransientConnectionException poolTimeout =
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out");

        assertThat(DataAccessFailures.translate(new CannotGetJdbcConnectionException("no connection", poolTimeout)))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The database did not answer in time.");
    }

    @Test
    void theDeepestCauseDecidesTheReason() {
        SQLException refused = new PSQLException("Connection to 127.0.0.1:1 refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"));
        SQLTransientConnectionException poolTimeout =
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001", refused);

        assertThat(DataAccessFailures.translate(wrapped(poolTimeout)))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The database cannot be reached.");
    }

    @Test
    void socketCausesAreUnavailabilityEvenWithoutSqlState() {
        assertThat(DataAccessFailures.translate(wrapped(new SQLException("read failed", null,
                new SocketTimeoutException("Read timed out")))))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The database did not answer in time.");
        assertThat(DataAccessFailures.translate(wrapped(new RuntimeException(new ConnectException("refused")))))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The database cannot be reached.");
    }

    @Test
    void aStatementTimeoutReadsAsNoAnswerInTime() {
        assertThat(DataAccessFailures.translate(wrapped(new SQLException("canceling statement due to statement timeout",
                "57014"))))
                .hasMessage("The database did not answer in time.");
    }

    @Test
    void chainedSqlExceptionsAreRead() {
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(DataAccessFailures.translate(wrapped(batch)))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The database is shutting down or starting up.");
    }

    @Test
    void aCyclicCauseChainEnds() {
        SQLException first = new SQLException("first", "XX000");
        SQLException second = new SQLException("second", "XX000", first);
        first.setNextException(second);

        assertThat(DataAccessFailures.translate(wrapped(second))).isInstanceOf(DataAccessException.class);
    }

    @Test
    void uniqueViolationsAreRecognisedByConstraint() {
        PSQLException onUsername = new PSQLException(new ServerErrorMessage(
                "SERROR\0C23505\0Mduplicate key value violates unique constraint \"users_username_key\"\0"
                        + "nusers_username_key\0"));
        PSQLException onOther = new PSQLException(new ServerErrorMessage(
                "SERROR\0C23505\0Mduplicate key value violates unique constraint \"other_key\"\0nother_key\0"));

        assertThat(DataAccessFailures.isUniqueViolation(wrapped(onUsername), "users_username_key")).isTrue();
        assertThat(DataAccessFailures.isUniqueViolation(wrapped(onOther), "users_username_key")).isFalse();
        assertThat(DataAccessFailures.isUniqueViolation(wrapped(new SQLException("dup", "23505")),
                "users_username_key")).isTrue();
        assertThat(DataAccessFailures.isUniqueViolation(wrapped(new SQLException("fk", "23503")),
                "users_username_key")).isFalse();
    }

    @Test
    void aConnectionMicronautCouldNotResetBecauseItWasClosedIsLost() {
        ConnectionException resetFailed = new ConnectionException(
                "Could not set JDBC Connection read-only: Connection is closed",
                new SQLException("Connection is closed"));

        assertThat(DataAccessFailures.translate(resetFailed))
                .isInstanceOf(DataTierUnavailableException.class)
                .hasMessage("The connection to the database was lost.")
                .hasCause(resetFailed);
    }

    @Test
    void codeOutsideAConnectionScopeIsABugNotAnOutage() {
        NoConnectionException noConnection = NoConnectionException.notFoundInAdvice();
        NoConnectionException noConnectionWithCause = new NoConnectionException("none", new SQLException("none"));
        ConnectionException notFromJdbc = new ConnectionException("odd", new IllegalStateException("odd"));

        assertThat(DataAccessFailures.translate(noConnection)).isSameAs(noConnection);
        assertThat(DataAccessFailures.translate(noConnectionWithCause)).isSameAs(noConnectionWithCause);
        assertThat(DataAccessFailures.translate(notFromJdbc)).isSameAs(notFromJdbc);
    }

    @Test
    void aUniqueViolationIsNotUnavailability() {
        DataAccessException failure = wrapped(new SQLException("dup", "23505"));

        assertThat(DataAccessFailures.translate(failure)).isSameAs(failure);
    }
}
