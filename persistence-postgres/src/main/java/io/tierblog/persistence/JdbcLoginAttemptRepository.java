package io.tierblog.persistence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import io.tierblog.domain.model.LoginFailures;
import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.ThrottleVerdict;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link LoginAttemptRepository} on the {@code login_failures} table.
 *
 * <p>{@link #admit} is one short transaction of its own (or part of the caller's, if one is open):
 * it makes sure a row exists for every key, locks the rows in key order with
 * {@code SELECT … FOR UPDATE}, lets the policy decide, and counts the failure before committing.
 * Attempts for the same key on any instance therefore wait for each other for a few
 * milliseconds and are decided one after another; the slow password check happens outside.
 */
@Singleton
class JdbcLoginAttemptRepository implements LoginAttemptRepository {
    static final String ENSURE_ROWS_SQL = "INSERT INTO login_failures (throttle_key) "
            + "SELECT k FROM unnest(?::text[]) AS k ORDER BY k ON CONFLICT (throttle_key) DO NOTHING";
    static final String LOCK_ROWS_SQL = "SELECT throttle_key, failures, last_failure FROM login_failures "
            + "WHERE throttle_key = ANY(?::text[]) ORDER BY throttle_key FOR UPDATE";
    static final String COUNT_FAILURE_SQL = "UPDATE login_failures SET "
            + "failures = CASE WHEN last_failure IS NULL OR last_failure < ? THEN 1 ELSE failures + 1 END, "
            + "last_failure = CASE WHEN last_failure IS NULL OR last_failure < ? THEN ? "
            + "ELSE GREATEST(last_failure, ?) END "
            + "WHERE throttle_key = ANY(?::text[])";
    static final String READ_SQL = "SELECT failures, last_failure FROM login_failures WHERE throttle_key = ?";
    static final String FORGIVE_SQL = "UPDATE login_failures SET failures = failures - 1 "
            + "WHERE throttle_key = ? AND failures > 0";
    static final String CLEAR_SQL = "DELETE FROM login_failures WHERE throttle_key = ?";
    static final String FORGET_SQL = "DELETE FROM login_failures "
            + "WHERE failures = 0 OR last_failure IS NULL OR last_failure < ?";

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    JdbcLoginAttemptRepository(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public ThrottleVerdict admit(Set<ThrottleKey> keys, Instant at, Instant forgetBefore,
                                 Function<Map<ThrottleKey, LoginFailures>, ThrottleVerdict> policy) {
        String[] names = keys.stream().map(ThrottleKey::value).sorted().toArray(String[]::new);
        return translated(() -> transactions.executeWrite(status -> jdbc.execute(connection -> {
            Array array = connection.createArrayOf("text", names);
            try {
                try (PreparedStatement ensure = connection.prepareStatement(ENSURE_ROWS_SQL)) {
                    ensure.setArray(1, array);
                    ensure.executeUpdate();
                }
                Map<ThrottleKey, LoginFailures> current = new TreeMap<>();
                try (PreparedStatement lock = connection.prepareStatement(LOCK_ROWS_SQL)) {
                    lock.setArray(1, array);
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            current.put(ThrottleKey.parse(rows.getString("throttle_key")),
                                    failures(rows, forgetBefore));
                        }
                    }
                }
                ThrottleVerdict verdict = policy.apply(Map.copyOf(current));
                if (verdict.allowed()) {
                    try (PreparedStatement count = connection.prepareStatement(COUNT_FAILURE_SQL)) {
                        count.setObject(1, timestamp(forgetBefore));
                        count.setObject(2, timestamp(forgetBefore));
                        count.setObject(3, timestamp(at));
                        count.setObject(4, timestamp(at));
                        count.setArray(5, array);
                        count.executeUpdate();
                    }
                }
                return verdict;
            } finally {
                array.free();
            }
        })));
    }

    @Override
    public LoginFailures failures(ThrottleKey key, Instant forgetBefore) {
        return translated(() -> jdbc.execute(connection -> {
            try (PreparedStatement read = connection.prepareStatement(READ_SQL)) {
                read.setString(1, key.value());
                try (ResultSet rows = read.executeQuery()) {
                    return rows.next() ? failures(rows, forgetBefore) : LoginFailures.NONE;
                }
            }
        }));
    }

    @Override
    public void forgive(ThrottleKey key) {
        update(FORGIVE_SQL, key);
    }

    @Override
    public void clear(ThrottleKey key) {
        update(CLEAR_SQL, key);
    }

    @Override
    public int forgetBefore(Instant before) {
        return translated(() -> jdbc.execute(connection -> {
            try (PreparedStatement forget = connection.prepareStatement(FORGET_SQL)) {
                forget.setObject(1, timestamp(before));
                return forget.executeUpdate();
            }
        }));
    }

    private void update(String sql, ThrottleKey key) {
        translated(() -> jdbc.execute(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key.value());
                return statement.executeUpdate();
            }
        }));
    }

    private static LoginFailures failures(ResultSet row, Instant forgetBefore) throws SQLException {
        int count = row.getInt("failures");
        OffsetDateTime last = row.getObject("last_failure", OffsetDateTime.class);
        if (count == 0 || last == null || last.toInstant().isBefore(forgetBefore)) {
            return LoginFailures.NONE;
        }
        return LoginFailures.of(count, last.toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static <T> T translated(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
    }
}
