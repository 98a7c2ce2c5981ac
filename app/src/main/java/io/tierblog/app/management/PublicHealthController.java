package io.tierblog.app.management;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.reactivestreams.Publisher;

/**
 * What a load balancer needs on the public port, and nothing more: {@code /health/liveness} and
 * {@code /health/readiness} answer 200 {@code {"status":"UP"}} or 503 {@code {"status":"DOWN"}}
 * from the same checks as the management port's endpoints, without their details (which name the
 * database's state and problems). Everything else about health, and the metrics, is served only on
 * the management port ({@code TIERBLOG_MANAGEMENT_PORT}).
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
final class PublicHealthController {
    private static final String UP = "{\"status\":\"UP\"}";
    private static final String DOWN = "{\"status\":\"DOWN\"}";

    private final HealthEndpoint health;

    PublicHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @Get(value = "/liveness", produces = MediaType.APPLICATION_JSON)
    Publisher<HttpResponse<String>> liveness() {
        return answer(HealthCheckType.LIVENESS);
    }

    @Get(value = "/readiness", produces = MediaType.APPLICATION_JSON)
    Publisher<HttpResponse<String>> readiness() {
        return answer(HealthCheckType.READINESS);
    }

    private Publisher<HttpResponse<String>> answer(HealthCheckType type) {
        return Publishers.map(health.getHealth(null, type), PublicHealthController::summary);
    }

    private static HttpResponse<String> summary(HealthResult result) {
        boolean up = HealthStatus.UP.equals(result.getStatus());
        return HttpResponse.<String>status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .body(up ? UP : DOWN);
    }
}
