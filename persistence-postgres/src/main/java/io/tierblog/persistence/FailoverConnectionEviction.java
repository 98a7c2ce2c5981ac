package io.tierblog.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells HikariCP which failed connections to throw away, so that the next request gets one to
 * the current primary. HikariCP already evicts a connection on {@code 08xxx} (connection
 * failures) and on the server's shutdown states ({@code 57P01}, {@code 57P02}, {@code 57P03});
 * this adds {@code 25006} (read_only_sql_transaction): after a failover the old primary may come
 * back as a read-only standby, and a pooled connection to it stays healthy to every check
 * ({@code isValid} answers, reads succeed) while every write fails. Each such connection is
 * evicted at its first refused write, and the pool's next one goes through PgJDBC's
 * {@code targetServerType=primary} to the node that takes writes.
 *
 * <p>Configured as {@code datasources.default.exception-override-class-name}; HikariCP makes it
 * with its public no-argument constructor.
 */
public final class FailoverConnectionEviction implements SQLExceptionOverride {
    /** The SQLState of a write refused by a server that is read-only (a standby). */
    static final String READ_ONLY_SQL_TRANSACTION = "25006";

    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        return READ_ONLY_SQL_TRANSACTION.equals(failure.getSQLState()) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
