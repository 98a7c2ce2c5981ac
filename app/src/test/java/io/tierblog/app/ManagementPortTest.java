package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics and health details live on the management port only; the public port keeps the two
 * answers a load balancer needs, without details, and serves no endpoint besides them.
 */
class ManagementPortTest {
    @TempDir
    static Path dataDirectory;
    private static TestApp app;

    @BeforeAll
    static void start() {
        TestDatabase database = TestDatabases.freshSchema("management");
        app = TestApp.onDatabase(database, dataDirectory);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void thePublicPortAnswersLoadBalancersWithoutDetails() {
        WebSession visitor = new WebSession(app.baseUrl());
        for (String probe : new String[] {"/health/liveness", "/health/readiness"}) {
            HttpResponse<String> answer = visitor.get(probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(answer.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
            assertThat(answer.headers().firstValue("Content-Type")).as(probe).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(answer.headers().firstValue("Cache-Control")).as(probe).hasValue("no-store");
        }
    }

    @Test
    void metricsAndHealthDetailsAreNotOnThePublicPort() {
        WebSession visitor = new WebSession(app.baseUrl());
        for (String path : new String[] {"/prometheus", "/health", "/health/readiness/dataTier", "/beans", "/env",
                "/loggers", "/routes", "/threaddump", "/stop"}) {
            HttpResponse<String> answer = visitor.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("dataTier").doesNotContain("hikaricp");
        }
    }

    @Test
    void theManagementPortServesDetailsAndMetrics() {
        WebSession operator = new WebSession(app.managementUrl());
        HttpResponse<String> readiness = operator.get("/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"dataTier\"").contains("\"database\":\"reachable\"")
                .contains("\"migrations\":\"applied\"");
        assertThat(operator.get("/health/liveness").statusCode()).isEqualTo(200);
        assertThat(operator.get("/health").statusCode()).isEqualTo(200);

        new WebSession(app.baseUrl()).get("/");
        HttpResponse<String> metrics = operator.get("/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests_seconds").contains("hikaricp_connections");
    }

    @Test
    void theManagementPortServesNoPages() {
        WebSession operator = new WebSession(app.managementUrl());
        assertThat(operator.get("/").statusCode()).isEqualTo(404);
        assertThat(operator.get("/auth/login").statusCode()).isEqualTo(404);
    }
}
