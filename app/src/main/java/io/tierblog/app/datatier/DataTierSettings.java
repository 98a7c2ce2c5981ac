package io.tierblog.app.datatier;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tierblog.data-tier.*}: how the app watches and migrates its database. */
@ConfigurationProperties("tierblog.data-tier")
public class DataTierSettings {
    /** How {@code DATABASE_URL}'s connections reach PostgreSQL (set by the launcher from its {@code pool_mode}). */
    public enum PoolMode {
        /** Each connection is a session of its own: PostgreSQL itself, or a pooler in session mode. */
        SESSION,
        /**
         * A pooler such as PgBouncer in {@code pool_mode = transaction}: consecutive transactions
         * of one connection may run on different server connections, so nothing may be kept in
         * the session (server-side prepared statements, {@code SET}, startup options, session locks).
         */
        TRANSACTION
    }

    private PoolMode poolMode = PoolMode.SESSION;
    private Duration statementTimeout = Duration.ofMillis(1500);
    private boolean migrateOnStart = true;
    private Duration checkInterval = Duration.ofSeconds(2);
    private Duration firstRetry = Duration.ofMillis(250);
    private Duration maxRetry = Duration.ofSeconds(4);

    public PoolMode getPoolMode() {
        return poolMode;
    }

    public void setPoolMode(PoolMode poolMode) {
        this.poolMode = poolMode;
    }

    /**
     * The statement timeout pages are meant to have: sent as a startup option on a direct
     * connection; through a transaction pooler the role must have it, and the monitor says when
     * it does not.
     */
    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    /** Apply pending migrations as soon as the database answers (else only report them). */
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    /** How often a reachable database is checked. */
    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    /** The first wait before checking an unreachable database again; it doubles up to {@link #getMaxRetry()}. */
    public Duration getFirstRetry() {
        return firstRetry;
    }

    public void setFirstRetry(Duration firstRetry) {
        this.firstRetry = firstRetry;
    }

    public Duration getMaxRetry() {
        return maxRetry;
    }

    public void setMaxRetry(Duration maxRetry) {
        this.maxRetry = maxRetry;
    }
}
