package io.tierblog.app.replica;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.tierblog.persistence.ReplicaReads;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The {@code replica} component of the management port's {@code /health}: its {@code state}
 * ({@code STREAMING}, {@code LAGGING}, {@code DOWN}, {@code UNKNOWN}), the lag in seconds and
 * bytes, each host, and how many reads each pool answered. Its status is always {@code UP}: every
 * page is served without the replica (from the primary), so a replica in trouble must not turn
 * readiness, which aggregates every indicator, down; the state says how the replica is.
 */
@Singleton
@Requires(bean = ReplicaReads.class)
class ReplicaHealth implements HealthIndicator {
    static final String NAME = "replica";

    private final ReplicaMonitor monitor;
    private final ReadRouting routing;

    ReplicaHealth(ReplicaMonitor monitor, ReadRouting routing) {
        this.monitor = monitor;
        this.routing = routing;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        ReplicaState state = monitor.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state.condition().name());
        details.put("servesReads", state.readable());
        state.lag().ifPresent(lag -> details.put("lagSeconds", seconds(lag)));
        state.lagBytes().ifPresent(bytes -> details.put("lagBytes", bytes));
        details.put("maxLagSeconds", seconds(monitor.maxLag()));
        details.put("since", state.since().toString());
        details.put("checked", state.checked().toString());
        state.problem().ifPresent(problem -> details.put("problem", problem));
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (ReplicaState.Host host : state.hosts()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("host", host.address());
            entry.put("answering", host.answering());
            if (host.answering()) {
                entry.put("role", host.inRecovery() ? "standby" : "primary");
            }
            host.replayed().ifPresent(lsn -> entry.put("replayed", lsn.toString()));
            host.lag().ifPresent(lag -> entry.put("lagSeconds", seconds(lag)));
            host.lagBytes().ifPresent(bytes -> entry.put("lagBytes", bytes));
            host.problem().ifPresent(problem -> entry.put("problem", problem));
            hosts.add(entry);
        }
        details.put("hosts", hosts);
        Map<String, Long> reads = new LinkedHashMap<>();
        for (ReadRouting.Route route : ReadRouting.Route.values()) {
            reads.put(route.pool() + ":" + route.reason(), routing.count(route));
        }
        details.put("reads", reads);
        return Publishers.just(HealthResult.builder(NAME, HealthStatus.UP).details(details).build());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
