package io.tierblog.persistence;

import static io.tierblog.domain.testing.TestData.JAN_1_2018;
import static io.tierblog.domain.testing.TestData.body;
import static io.tierblog.domain.testing.TestData.hash;
import static io.tierblog.domain.testing.TestData.title;
import static io.tierblog.domain.testing.TestData.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.persistence.embedded.LocalPostgres;
import io.tierblog.persistence.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Connection failures reach the domain as DataTierUnavailableException, through every adapter method. */
class DataTierUnavailableTest {
    private static final String PASSWORD = "never-shown-pw";

    @Test
    void everyPortMethodSaysTheDataTierIsUnavailableWhenNothingListens() throws IOException {
        Map<String, Object> properties = shortTimeouts(new TestDatabase(
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/blog", "blog", PASSWORD, "public"));

        try (ApplicationContext context = ApplicationContext.run(properties)) {
            UserRepository users = context.getBean(UserRepository.class);
            PostRepository posts = context.getBean(PostRepository.class);

            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> users.add(username("alice"), hash("a")),
                    () -> users.findByUsername(username("alice")),
                    () -> users.findById(new UserId(1)),
                    () -> posts.add(new UserId(1), JAN_1_2018, title("t"), body("b"), Language.ENGLISH),
                    () -> posts.findById(new PostId(1)),
                    () -> posts.update(new PostId(1), title("t"), body("b"), Language.ENGLISH),
                    () -> posts.delete(new PostId(1)),
                    () -> posts.findPage(PostPageRequest.first()))) {
                long started = System.nanoTime();
                assertThatThrownBy(call)
                        .isInstanceOf(DataTierUnavailableException.class)
                        .hasMessage("The database cannot be reached.")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void theAdaptersSayUnavailableWhileTheServerIsDownAndWorkAgainOnceItIsBack() {
        try (LocalPostgres server = LocalPostgres.builder().fsync(false).database("blog").start()) {
            TestDatabase database = new TestDatabase(server.jdbcUrl("blog"), server.username(), "", "public").migrate();
            try (ApplicationContext context = ApplicationContext.run(shortTimeouts(database))) {
                UserRepository users = context.getBean(UserRepository.class);
                User alice = users.add(username("alice"), hash("a"));

                server.stop();
                assertThatThrownBy(() -> users.findById(alice.id())).isInstanceOf(DataTierUnavailableException.class);
                server.start();

                assertThat(soonAfterRestart(() -> users.findById(alice.id()))).contains(alice);

                server.kill();
                assertThatThrownBy(() -> users.findById(alice.id())).isInstanceOf(DataTierUnavailableException.class);
                server.start();

                assertThat(soonAfterRestart(() -> users.findById(alice.id()))).contains(alice);
            }
        }
    }

    /**
     * The pool reconnects on its own, retrying with a backoff that grows to 5 s while the server
     * is down; the first answer may take that long, and needs no restart of anything.
     */
    private static <T> T soonAfterRestart(java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (DataTierUnavailableException stillReconnecting) {
                if (System.nanoTime() > deadline) {
                    throw stillReconnecting;
                }
            }
        }
    }

    private static Map<String, Object> shortTimeouts(TestDatabase database) {
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.put("datasources.default.connection-timeout", 500);
        properties.put("datasources.default.validation-timeout", 250);
        properties.put("datasources.default.initialization-fail-timeout", -1);
        properties.put("datasources.default.maximum-pool-size", 2);
        return properties;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
