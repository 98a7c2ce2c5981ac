package io.tierblog.app.datatier;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the data tier from the app's side: checks that the database answers (through the same
 * pool requests use), applies pending migrations as soon as it does, and says so in the log once
 * per change (one WARN when it becomes unreachable, one INFO when it is back), never once per
 * request. Readiness is read from here. While the database is unreachable it is checked again
 * after a short wait that doubles up to a bound; while reachable, at a steady interval.
 */
@Singleton
public class DataTierMonitor implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DataTierMonitor.class);
    private static final int VALIDATION_SECONDS = 1;

    /** What is known of the data tier at one moment. */
    public record Status(boolean reachable, boolean migrated, Instant since, Optional<String> problem) {
        public boolean ready() {
            return reachable && migrated;
        }
    }

    private final DataSource dataSource;
    private final DataTierSettings settings;
    private final Migrations migrations;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile Status status;
    private volatile Duration retry;

    DataTierMonitor(DataSource dataSource, DataSourceResolver resolver, DataTierSettings settings, Clock clock,
                    @Value("${datasources.default.url}") String url,
                    @Nullable @Value("${datasources.default.username:}") String username,
                    @Nullable @Value("${datasources.default.password:}") String password,
                    @Nullable @Value("${tierblog.data-tier.migration-url:}") String migrationUrl,
                    @Nullable @Value("${tierblog.data-tier.migration-username:}") String migrationUsername,
                    @Nullable @Value("${tierblog.data-tier.migration-password:}") String migrationPassword) {
        this.dataSource = resolver.resolve(dataSource);
        this.settings = settings;
        this.clock = clock;
        // Migrations reach PostgreSQL itself, never through a transaction pooler (DataTier decides where).
        this.migrations = blankToNull(migrationUrl) == null
                ? new Migrations(url, blankToNull(username), blankToNull(password))
                : new Migrations(migrationUrl, blankToNull(migrationUsername), blankToNull(migrationPassword));
        this.status = new Status(false, false, clock.instant(), Optional.of("not checked yet"));
        this.retry = settings.getFirstRetry();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "data-tier-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The first check runs before the server takes requests, so a reachable database is migrated first. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        check();
    }

    public Status status() {
        return status;
    }

    /** Checks now, then schedules the next check. Public for tests that want an answer at once. */
    public synchronized Status check() {
        Status before = status;
        Status after = probe(before);
        status = after;
        report(before, after);
        scheduleNext(after);
        return after;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private Status probe(Status before) {
        Instant now = clock.instant();
        boolean current = before.migrated();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                return unreachable(before, now, "The database did not answer a check in time.");
            }
            current = current || isCurrent(connection);
            if (!before.reachable()) {
                checkStatementTimeout(connection);
            }
        } catch (SQLException | RuntimeException failure) {
            return unreachable(before, now, describe(failure));
        }
        boolean migrated = current || migrate();
        Instant since = before.reachable() ? before.since() : now;
        return new Status(true, migrated, since, migrated ? Optional.empty() : Optional.of(pendingProblem()));
    }

    /**
     * Through a transaction pooler the app cannot set its statement timeout (no startup option,
     * no session {@code SET}): the role must carry it. Says so, once each time the database becomes
     * reachable, when the timeout the server applies is not the one configured.
     */
    private void checkStatementTimeout(Connection connection) throws SQLException {
        if (settings.getPoolMode() != DataTierSettings.PoolMode.TRANSACTION) {
            return;
        }
        long expected = settings.getStatementTimeout().toMillis();
        long actual;
        try (var statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT setting::bigint, current_user FROM pg_settings WHERE name = 'statement_timeout'")) {
            if (!rows.next()) {
                return;
            }
            actual = rows.getLong(1);
            if (actual != expected) {
                LOG.warn("Through the transaction pooler the statement timeout is the role's, and it is {} ms, not {} ms "
                                + "as configured{}: run ALTER ROLE {} SET statement_timeout = '{}ms' on PostgreSQL.",
                        actual, expected, actual == 0 ? " (no limit: a slow statement holds a page worker until the "
                                + "socket timeout)" : "", rows.getString(2), expected);
            }
        }
    }

    /** Nothing to apply, known without Flyway; false when unsure, and Flyway looks. */
    private boolean isCurrent(Connection connection) {
        try {
            return migrations.isCurrent(connection);
        } catch (SQLException unsure) {
            return false;
        }
    }

    private boolean migrate() {
        try {
            if (settings.isMigrateOnStart()) {
                var result = migrations.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info("Applied {} migration(s); schema version is now {}", result.migrationsExecuted,
                            result.targetSchemaVersion);
                }
                return true;
            }
            int pending = migrations.pending();
            if (pending > 0) {
                LOG.warn("{} migration(s) are pending and migrate-on-start is off: run the migrate command",
                        pending);
            }
            return pending == 0;
        } catch (RuntimeException failure) {
            LOG.error("Migrations failed; the app stays not ready and tries again: {}", describe(failure));
            return false;
        }
    }

    private String pendingProblem() {
        return settings.isMigrateOnStart() ? "Migrations have not been applied yet." : "Migrations are pending.";
    }

    private static Status unreachable(Status before, Instant now, String problem) {
        Instant since = before.reachable() ? now : before.since();
        return new Status(false, before.migrated(), since, Optional.of(problem));
    }

    private void report(Status before, Status after) {
        if (before.reachable() && !after.reachable()) {
            LOG.warn("Data tier unreachable: {} Pages show the outage until it is back.", after.problem().orElse(""));
        } else if (!before.reachable() && after.reachable()) {
            Duration down = Duration.between(before.since(), after.since());
            if (before.problem().filter("not checked yet"::equals).isPresent()) {
                LOG.info("Data tier reachable");
            } else {
                LOG.info("Data tier reachable again after {} ms", down.toMillis());
            }
        } else if (!before.reachable() && !after.reachable()
                && before.problem().filter("not checked yet"::equals).isPresent()) {
            LOG.warn("Data tier unreachable at start-up: {} Serving outage pages and retrying.",
                    after.problem().orElse(""));
        }
    }

    private void scheduleNext(Status current) {
        if (scheduler.isShutdown()) {
            return;
        }
        Duration wait;
        if (current.ready()) {
            retry = settings.getFirstRetry();
            wait = settings.getCheckInterval();
        } else {
            wait = retry;
            Duration doubled = retry.multipliedBy(2);
            retry = doubled.compareTo(settings.getMaxRetry()) > 0 ? settings.getMaxRetry() : doubled;
        }
        try {
            scheduler.schedule(this::checkQuietly, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            // the application is stopping
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException unexpected) {
            LOG.error("Data tier check failed unexpectedly", unexpected);
            scheduleNext(status);
        }
    }

    /** One line, no stack trace: the innermost message says what actually went wrong. */
    static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
        return message.endsWith(".") ? message : message + ".";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
