package io.tierblog.app.datatier;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Ready means the database answers and the schema is migrated; read from the monitor's last
 * check, so a readiness probe never waits on the database itself.
 */
@Singleton
@Readiness
class DataTierReadiness implements HealthIndicator {
    static final String NAME = "dataTier";
    private final DataTierMonitor monitor;

    DataTierReadiness(DataTierMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        DataTierMonitor.Status status = monitor.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", status.reachable() ? "reachable" : "unreachable");
        details.put("migrations", status.migrated() ? "applied" : "pending");
        details.put("since", status.since().toString());
        status.problem().ifPresent(problem -> details.put("problem", problem));
        return Publishers.just(HealthResult.builder(NAME, status.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
