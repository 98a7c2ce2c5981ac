package io.tierblog.app.replica;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.tierblog.persistence.DatabaseUrl;
import io.tierblog.persistence.ReplicaReads;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the replica every {@code tierblog.replica.check-interval} (1 s): reads the primary's WAL
 * position, then each replica host's replayed position, and from the two tells how far behind
 * each host is. Exists only when {@code DATABASE_REPLICA_URL} is set.
 *
 * <p><b>Lag as the age of what is missing.</b> Each check keeps the primary's position with the
 * time just before it was read; a host that has replayed a kept position has every write
 * committed before that time. Its lag is the time since the newest such position, so it is zero
 * (within one check) while the host keeps up, however long the primary has been idle. This is
 * why {@code now() - pg_last_xact_replay_timestamp()} is not used: on an idle primary it grows
 * though nothing is missing, and after a quiet spell one new write makes it look hours behind.
 *
 * <p><b>Each host on its own connection.</b> The replica's pool spreads its connections over every
 * host listed, so one connection through it would say nothing about the others. The monitor
 * keeps one plain connection to each host (outside the pool, made again when it breaks); a host
 * that does not answer is left out of the lag but makes every replayed position unknown, since
 * the pool might reach it next.
 */
@Singleton
@Requires(bean = ReplicaReads.class)
public class ReplicaMonitor implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);
    /** The primary's position: the end of the WAL inserted so far, which every commit already acknowledged lies within. */
    static final String PRIMARY_POSITION_SQL = "SELECT pg_current_wal_insert_lsn()::text";
    static final String REPLICA_POSITION_SQL = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text";

    private final DataSource primary;
    private final ReplicaSettings settings;
    private final Clock clock;
    private final Map<String, PGSimpleDataSource> hostSources = new LinkedHashMap<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final PrimaryPositions positions;
    private final ScheduledExecutorService scheduler;
    private volatile ReplicaState state;
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    ReplicaMonitor(DataSource dataSource, DataSourceResolver resolver, ReplicaSettings settings, Clock clock,
                   @Value("${datasources.replica.url}") String replicaUrl,
                   @Nullable @Value("${datasources.replica.username:}") String username,
                   @Nullable @Value("${datasources.replica.password:}") String password) {
        this.primary = resolver.resolve(dataSource);
        this.settings = settings;
        this.clock = clock;
        DatabaseUrl url = DatabaseUrl.parse(replicaUrl);
        for (String host : url.hosts()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setURL(url.forHost(host).jdbcUrl());
            if (username != null && !username.isEmpty()) {
                source.setUser(username);
            }
            if (password != null && !password.isEmpty()) {
                source.setPassword(password);
            }
            source.setConnectTimeout(1);
            source.setLoginTimeout(2);
            source.setSocketTimeout(2);
            source.setTcpKeepAlive(true);
            source.setPrepareThreshold(0);
            source.setApplicationName("tierblog replica monitor");
            hostSources.put(host, source);
        }
        // Twice the allowed lag and ten seconds more: a host behind every kept position is lagging.
        this.positions = new PrimaryPositions(settings.getMaxLag().multipliedBy(2).plusSeconds(10));
        this.state = ReplicaState.unknown(clock.instant());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replica-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Checks start with the application, on the monitor's own thread: a replica host that does
     * not answer must not hold up the start (until the first check, reads go to the primary).
     */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        long every = settings.getCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    public ReplicaState state() {
        return state;
    }

    public Duration maxLag() {
        return settings.getMaxLag();
    }

    /**
     * A read on the replica failed: no read goes there until a check finds it well again (the
     * next one, within a check interval).
     */
    public void readFailed(Throwable failure) {
        failures.incrementAndGet();
        ReplicaState before = state;
        state = before.suspended(clock.instant(), "A read on the replica failed: " + describe(failure));
        if (before.condition() != ReplicaState.Condition.DOWN) {
            LOG.warn("Replica read failed ({}); reads go to the primary until the replica checks well again",
                    describe(failure));
        }
    }

    /** Checks now. Public for tests that want an answer at once. */
    public synchronized ReplicaState check() {
        long failuresBefore = failures.get();
        Instant started = clock.instant();
        primaryPosition().ifPresent(position -> positions.remember(started, position));
        List<ReplicaState.Host> hosts = new ArrayList<>();
        for (String host : hostSources.keySet()) {
            hosts.add(probe(host));
        }
        Instant now = clock.instant();
        ReplicaState before = state;
        ReplicaState after = evaluate(hosts, now, before);
        state = after;
        // A read that failed while this check ran outweighs what the check saw before it.
        if (failures.get() != failuresBefore && after.condition() != ReplicaState.Condition.DOWN) {
            after = after.suspended(now, "A read on the replica failed during the check.");
            state = after;
        }
        report(before, after);
        return after;
    }

    private ReplicaState evaluate(List<ReplicaState.Host> hosts, Instant now, ReplicaState before) {
        ReplicaState.Condition condition;
        Optional<String> problem = Optional.empty();
        if (hosts.stream().noneMatch(ReplicaState.Host::answering)) {
            condition = ReplicaState.Condition.DOWN;
            problem = hosts.stream().flatMap(h -> h.problem().stream()).findFirst()
                    .or(() -> Optional.of("No replica host answers."));
        } else {
            condition = ReplicaState.Condition.STREAMING;
            for (ReplicaState.Host host : hosts) {
                if (!host.answering() || !host.inRecovery()) {
                    continue;
                }
                if (host.lag().isEmpty()) {
                    condition = ReplicaState.Condition.LAGGING;
                    problem = Optional.of("How far " + host.address() + " is behind is unknown: the primary's "
                            + "position could not be read.");
                    break;
                }
                if (host.lag().get().compareTo(settings.getMaxLag()) > 0) {
                    condition = ReplicaState.Condition.LAGGING;
                    problem = Optional.of(host.address() + " is " + host.lag().get().toMillis() + " ms behind, more "
                            + "than the " + settings.getMaxLag().toMillis() + " ms allowed.");
                    break;
                }
            }
        }
        Instant since = before.condition() == condition ? before.since() : now;
        return new ReplicaState(condition, List.copyOf(hosts), now, since, problem);
    }

    private ReplicaState.Host probe(String host) {
        try {
            Connection connection = connection(host);
            try (PreparedStatement statement = connection.prepareStatement(REPLICA_POSITION_SQL);
                 ResultSet row = statement.executeQuery()) {
                row.next();
                boolean inRecovery = row.getBoolean(1);
                Optional<Lsn> replayed = Lsn.parse(row.getString(2));
                if (!inRecovery) {
                    return new ReplicaState.Host(host, true, false, Optional.empty(), Optional.of(Duration.ZERO),
                            Optional.of(0L), Optional.empty());
                }
                Optional<Long> bytes = replayed.flatMap(r -> positions.newest().map(p -> p.bytesAfter(r)));
                Optional<Duration> lag = replayed.flatMap(r -> positions.lagOf(r, clock.instant()));
                return new ReplicaState.Host(host, true, true, replayed, lag, bytes, Optional.empty());
            }
        } catch (SQLException | RuntimeException failure) {
            close(host);
            return new ReplicaState.Host(host, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(host + ": " + describe(failure)));
        }
    }

    private Optional<Lsn> primaryPosition() {
        try (Connection connection = primary.getConnection();
             PreparedStatement statement = connection.prepareStatement(PRIMARY_POSITION_SQL);
             ResultSet row = statement.executeQuery()) {
            return row.next() ? Lsn.parse(row.getString(1)) : Optional.empty();
        } catch (SQLException | RuntimeException failure) {
            LOG.debug("The primary's WAL position could not be read: {}", describe(failure));
            return Optional.empty();
        }
    }

    private Connection connection(String host) throws SQLException {
        Connection connection = connections.get(host);
        if (connection == null) {
            connection = hostSources.get(host).getConnection();
            connection.setReadOnly(true);
            connections.put(host, connection);
        }
        return connection;
    }

    private void close(String host) {
        Connection connection = connections.remove(host);
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is gone either way
            }
        }
    }

    private void report(ReplicaState before, ReplicaState after) {
        if (before.condition() == after.condition()) {
            return;
        }
        switch (after.condition()) {
            case STREAMING -> LOG.info("Replica serving reads ({} ms behind at most)",
                    after.lag().map(Duration::toMillis).orElse(0L));
            case LAGGING -> LOG.warn("Replica too far behind: {} Reads go to the primary.", after.problem().orElse(""));
            case DOWN -> LOG.warn("Replica unreachable: {} Reads go to the primary.", after.problem().orElse(""));
            default -> {
            }
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException unexpected) {
            LOG.error("Replica check failed unexpectedly", unexpected);
        }
    }

    @PreDestroy
    synchronized void stop() {
        scheduler.shutdownNow();
        for (String host : List.copyOf(connections.keySet())) {
            close(host);
        }
    }

    static String describe(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage();
        return message.endsWith(".") ? message : message + ".";
    }
}
