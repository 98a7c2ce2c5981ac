package io.tierblog.persistence;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import io.tierblog.domain.exception.DataTierUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Translates what the driver, the pool and Micronaut Data throw into the domain's exceptions at
 * the port boundary. It reads the whole cause chain, so wrappers such as Micronaut's
 * {@code DataAccessException} or {@code CannotGetJdbcConnectionException} are seen through.
 */
final class DataAccessFailures {
    static final String UNIQUE_VIOLATION = "23505";

    private static final String CANNOT_REACH = "The database cannot be reached.";
    private static final String TOO_SLOW = "The database did not answer in time.";
    private static final String RESTARTING = "The database is shutting down or starting up.";
    private static final String NO_CONNECTION_FREE = "The database accepts no more connections.";
    private static final String LOST = "The connection to the database was lost.";
    private static final String READ_ONLY = "The database server takes no writes right now (it is no longer the primary).";
    private static final Map<String, String> UNAVAILABLE_STATES = Map.of(
            "57P01", RESTARTING,   // admin_shutdown
            "57P02", RESTARTING,   // crash_shutdown
            "57P03", RESTARTING,   // cannot_connect_now
            "57014", TOO_SLOW,     // query_canceled, as by statement_timeout
            "25006", READ_ONLY,    // read_only_sql_transaction: a standby, as an old primary after a failover
            "53300", NO_CONNECTION_FREE); // too_many_connections

    private DataAccessFailures() {
    }

    /**
     * What to throw in place of {@code failure}: a {@link DataTierUnavailableException} when the
     * database could not be reached or did not answer in time, otherwise {@code failure} itself.
     */
    static RuntimeException translate(RuntimeException failure) {
        return unavailability(failure)
                .<RuntimeException>map(reason -> new DataTierUnavailableException(reason, failure))
                .orElse(failure);
    }

    /**
     * Why the database is unavailable, when {@code failure} says so. The deepest cause decides:
     * a pool timeout caused by a refused connection reads as "cannot be reached".
     */
    static Optional<String> unavailability(Throwable failure) {
        List<Throwable> chain = causes(failure);
        Collections.reverse(chain);
        return chain.stream().map(DataAccessFailures::reason).flatMap(Optional::stream).findFirst();
    }

    /**
     * True when {@code failure} is a unique violation of {@code constraint}, or of an unnamed
     * constraint when the driver does not tell which.
     */
    static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                Optional<String> violated = constraintOf(sql);
                return violated.isEmpty() || violated.get().equals(constraint);
            }
        }
        return false;
    }

    private static Optional<String> reason(Throwable cause) {
        if (isLostConnection(cause)) {
            return Optional.of(LOST);
        }
        if (cause instanceof ConnectException) {
            return Optional.of(CANNOT_REACH);
        }
        if (cause instanceof SocketTimeoutException || cause instanceof SQLTransientConnectionException) {
            return Optional.of(TOO_SLOW);
        }
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08")) {
                return Optional.of(CANNOT_REACH);
            }
            return Optional.ofNullable(UNAVAILABLE_STATES.get(state));
        }
        return Optional.empty();
    }

    /**
     * Micronaut Data's failure to reset a connection after an operation, which hides the
     * operation's own failure: when the server ends a session mid-read, the read fails with 57P01,
     * the pool closes the broken connection, and resetting it to read-write then fails on the
     * closed connection. Only this is left to see. Not {@link NoConnectionException}, which
     * means code ran outside a connection scope.
     */
    private static boolean isLostConnection(Throwable cause) {
        return cause instanceof ConnectionException && !(cause instanceof NoConnectionException)
                && cause.getCause() instanceof SQLException;
    }

    private static Optional<String> constraintOf(SQLException failure) {
        if (failure instanceof PSQLException psql) {
            ServerErrorMessage message = psql.getServerErrorMessage();
            if (message != null) {
                return Optional.ofNullable(message.getConstraint());
            }
        }
        return Optional.empty();
    }

    /** The failure and its causes, outermost first, each once, following chained SQL exceptions too. */
    private static List<Throwable> causes(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> chain = new ArrayList<>();
        List<Throwable> pending = new ArrayList<>(List.of(failure));
        while (!pending.isEmpty() && chain.size() < 64) {
            Throwable next = pending.remove(0);
            if (next == null || !seen.add(next)) {
                continue;
            }
            chain.add(next);
            pending.add(next.getCause());
            if (next instanceof SQLException sql) {
                pending.add(sql.getNextException());
            }
        }
        return chain;
    }
}
