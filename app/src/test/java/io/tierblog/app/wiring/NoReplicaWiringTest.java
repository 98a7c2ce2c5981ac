package io.tierblog.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.tierblog.app.replica.ReadRouting;
import io.tierblog.app.replica.ReplicaMonitor;
import io.tierblog.app.replica.WritePositions;
import io.tierblog.domain.port.in.DeletePostUseCase;
import io.tierblog.domain.port.in.EditPostUseCase;
import io.tierblog.domain.port.in.GetPostForEditQuery;
import io.tierblog.domain.port.in.GetPostQuery;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.port.in.PublishPostUseCase;
import io.tierblog.domain.port.in.RegisterUserUseCase;
import io.tierblog.domain.port.in.SearchPostsQuery;
import io.tierblog.domain.service.GetPostForEditService;
import io.tierblog.domain.service.GetPostService;
import io.tierblog.domain.service.ListPostsService;
import io.tierblog.domain.service.RegisterUserService;
import io.tierblog.domain.service.SearchPostsService;
import io.tierblog.persistence.ReplicaReads;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.lang.reflect.Proxy;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Without {@code DATABASE_REPLICA_URL} nothing of the replica exists: one pool, no monitor, no
 * routing, no position read after writes; the use cases are the plain services (the writing ones
 * inside their transaction only).
 */
class NoReplicaWiringTest {
    private static final TestDatabase DATABASE = TestDatabases.freshSchema("no_replica").migrate();

    @Test
    void withoutAReplicaURLThereIsOnePoolAndPlainServices() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", DATABASE.jdbcUrl(),
                "datasources.default.username", DATABASE.username(),
                "datasources.default.password", DATABASE.password() == null ? "" : DATABASE.password(),
                "micronaut.server.port", -1,
                "endpoints.all.port", -1,
                "micronaut.security.token.jwt.signatures.secret.generator.secret",
                "a-secret-for-the-no-replica-test-of-32-bytes"))) {
            assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
            for (Class<?> replicaOnly : new Class<?>[] {ReplicaReads.class, ReplicaMonitor.class, ReadRouting.class,
                    WritePositions.class}) {
                assertThat(context.containsBean(replicaOnly)).as(replicaOnly.getSimpleName()).isFalse();
            }
            assertThat(context.getBean(ListPostsQuery.class)).isInstanceOf(ListPostsService.class);
            assertThat(context.getBean(GetPostQuery.class)).isInstanceOf(GetPostService.class);
            assertThat(context.getBean(GetPostForEditQuery.class)).isInstanceOf(GetPostForEditService.class);
            assertThat(context.getBean(SearchPostsQuery.class)).isInstanceOf(SearchPostsService.class);
            assertThat(context.getBean(RegisterUserUseCase.class)).isInstanceOf(RegisterUserService.class);
            for (Class<?> writing : new Class<?>[] {PublishPostUseCase.class, EditPostUseCase.class,
                    DeletePostUseCase.class}) {
                Object useCase = context.getBean(writing);
                assertThat(useCase.toString()).as(writing.getSimpleName()).startsWith("transactional ");
                assertThat(Proxy.isProxyClass(useCase.getClass())).isTrue();
            }
        }
    }
}
