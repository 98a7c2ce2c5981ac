package io.tierblog.app.replica;

import io.tierblog.app.UseCaseCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.context.ServerRequestContext;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.persistence.ReplicaReads;
import io.tierblog.web.ReadPositions;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for each call of a read-only use case, whether the replica or the primary answers it,
 * and runs it there; exists only when {@code DATABASE_REPLICA_URL} is set. The replica answers
 * when the monitor last found every host that answers within the allowed lag and, if the visitor
 * carries a read position (their own last write), every host has replayed it. A read the replica
 * fails ({@link DataTierUnavailableException}, or cancelled by a conflict with recovery) is run
 * again on the primary, so a replica in trouble costs a visitor time, never a page. A post the
 * replica does not have ({@link PostNotFoundException}) is looked for again on the primary: it may
 * be one published a moment ago, whose link a visitor followed before the replica replayed it.
 */
@Singleton
@Requires(bean = ReplicaReads.class)
public class ReadRouting {

    /** Where a read went, and why. */
    public enum Route {
        REPLICA("replica", "fresh"),
        PRIMARY_REPLICA_DOWN("primary", "replica-down"),
        PRIMARY_REPLICA_LAGGING("primary", "replica-lagging"),
        PRIMARY_UNCHECKED("primary", "replica-unchecked"),
        PRIMARY_OWN_WRITE("primary", "own-write-not-replayed"),
        PRIMARY_AFTER_REPLICA_FAILED("primary", "replica-failed"),
        PRIMARY_AFTER_NOT_FOUND("primary", "not-found-on-replica");

        private final String pool;
        private final String reason;

        Route(String pool, String reason) {
            this.pool = pool;
            this.reason = reason;
        }

        public String pool() {
            return pool;
        }

        public String reason() {
            return reason;
        }
    }

    private final ReplicaMonitor monitor;
    private final Map<Route, Counter> counters = new EnumMap<>(Route.class);

    ReadRouting(ReplicaMonitor monitor, @Nullable MeterRegistry registry) {
        this.monitor = monitor;
        if (registry != null) {
            for (Route route : Route.values()) {
                counters.put(route, Counter.builder("tierblog.reads")
                        .description("Read-only use cases by the pool that answered them, and why")
                        .tag("pool", route.pool()).tag("reason", route.reason()).register(registry));
            }
            Gauge.builder("tierblog.replica.lag", monitor,
                            m -> m.state().lag().map(lag -> lag.toMillis() / 1000.0).orElse(Double.NaN))
                    .description("How old the newest write the replica lacks may be (the largest of its hosts)")
                    .baseUnit("seconds").register(registry);
            Gauge.builder("tierblog.replica.lag.bytes", monitor,
                            m -> m.state().lagBytes().map(Long::doubleValue).orElse(Double.NaN))
                    .description("WAL the replica has still to replay (the largest of its hosts)")
                    .baseUnit("bytes").register(registry);
            Gauge.builder("tierblog.replica.readable", monitor, m -> m.state().readable() ? 1 : 0)
                    .description("1 while reads may go to the replica, 0 while they go to the primary")
                    .register(registry);
        }
    }

    /** The decision alone, from what the monitor knows and the position the visitor must see. */
    public static Route decide(ReplicaState state, Optional<Lsn> required) {
        switch (state.condition()) {
            case UNKNOWN:
                return Route.PRIMARY_UNCHECKED;
            case DOWN:
                return Route.PRIMARY_REPLICA_DOWN;
            case LAGGING:
                return Route.PRIMARY_REPLICA_LAGGING;
            default:
                break;
        }
        if (required.isPresent()) {
            Optional<Lsn> replayed = state.replayedEverywhere();
            if (replayed.isEmpty() || !replayed.get().isAtLeast(required.get())) {
                return Route.PRIMARY_OWN_WRITE;
            }
        }
        return Route.REPLICA;
    }

    /** The route for a read made now, in the current request (if any). */
    public Route route() {
        return decide(monitor.state(), requiredPosition());
    }

    /** The position the current visitor's cookie says they wrote; empty outside a request or without one. */
    static Optional<Lsn> requiredPosition() {
        return ServerRequestContext.currentRequest().flatMap(ReadPositions::required).flatMap(Lsn::parse);
    }

    public long count(Route route) {
        Counter counter = counters.get(route);
        return counter == null ? 0 : (long) counter.count();
    }

    public Duration maxLag() {
        return monitor.maxLag();
    }

    /**
     * {@code port} answering each call on the replica's service or the primary's, as
     * {@link #route()} decides; a call failed by the replica's data tier is made again on the primary.
     */
    public <T> T reading(Class<T> port, T onPrimary, T onReplica) {
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port + " is not an interface");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "routed " + port.getSimpleName() + " over " + onPrimary + " and " + onReplica;
                    default -> throw new IllegalStateException("unexpected " + method);
                };
            }
            Route route = route();
            if (route != Route.REPLICA) {
                increment(route);
                return UseCaseCalls.call(onPrimary, method, args);
            }
            try {
                Object answer = UseCaseCalls.call(onReplica, method, args);
                increment(Route.REPLICA);
                return answer;
            } catch (PostNotFoundException notThereYet) {
                // Perhaps not replicated yet (a link to a post just published): only the primary can say it is gone.
                increment(Route.PRIMARY_AFTER_NOT_FOUND);
                return UseCaseCalls.call(onPrimary, method, args);
            } catch (RuntimeException replicaFailed) {
                if (!isReplicaTrouble(replicaFailed)) {
                    throw replicaFailed;
                }
                monitor.readFailed(replicaFailed);
                increment(Route.PRIMARY_AFTER_REPLICA_FAILED);
                return UseCaseCalls.call(onPrimary, method, args);
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /**
     * A failure the primary would not have: the replica's data tier unavailable, or a read a
     * standby cancelled because it stood in the way of the WAL it replays (SQLSTATE 40001,
     * "conflict with recovery"; the app runs no serializable transactions, so on the replica
     * nothing else raises it).
     */
    static boolean isReplicaTrouble(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof DataTierUnavailableException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && RECOVERY_CONFLICT.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static final String RECOVERY_CONFLICT = "40001";

    private void increment(Route route) {
        Counter counter = counters.get(route);
        if (counter != null) {
            counter.increment();
        }
    }

}
