package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.testing.FakePasswordHasher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Password hashing runs on its own small pool, so a burst of log-ins cannot hold the page workers. */
@MicronautTest
@Property(name = "spec.name", value = "PasswordCheckPoolTest")
@Property(name = "tierblog.web.password-check-threads", value = "1")
class PasswordCheckPoolTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Seed seed;

    @Inject
    ThreadRecordingHasher hasher;

    Browser browser;

    @BeforeEach
    void setUp() {
        seed.reset();
        hasher.threads.clear();
        browser = new Browser(client);
    }

    @Test
    void logInAndRegistrationHashOnThePasswordCheckPool() {
        assertThat(browser.post("/auth/login", Map.of("username", "test", "password", "test")).status())
                .isEqualTo(302);
        assertThat(browser.post("/auth/login", Map.of("username", "nobody", "password", "x")).status())
                .isEqualTo(200);
        assertThat(browser.post("/auth/register", Map.of("username", "new", "password", "secret")).status())
                .isEqualTo(302);

        assertThat(hasher.threads).hasSize(3).allMatch(name -> name.equals(PasswordCheckPool.NAME + "-1"));
    }

    @Test
    void pagesDoNotRunOnThePasswordCheckPool() {
        assertThat(browser.get("/auth/login").status()).isEqualTo(200);
        assertThat(browser.get("/").status()).isEqualTo(200);

        assertThat(hasher.threads).isEmpty();
    }

    @Test
    void threadsDefaultToHalfTheProcessorsAndAtLeastOne() {
        assertThat(PasswordCheckPool.threads(0, 8)).isEqualTo(4);
        assertThat(PasswordCheckPool.threads(0, 3)).isEqualTo(1);
        assertThat(PasswordCheckPool.threads(0, 1)).isEqualTo(1);
        assertThat(PasswordCheckPool.threads(3, 8)).isEqualTo(3);
        assertThatThrownBy(() -> PasswordCheckPool.threads(-1, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The tests' fast hasher, noting which thread each hash and check ran on. */
    @Singleton
    @Replaces(FakePasswordHasher.class)
    @Requires(property = "spec.name", value = "PasswordCheckPoolTest")
    static class ThreadRecordingHasher extends FakePasswordHasher {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public PasswordHash hash(Password password) {
            threads.add(Thread.currentThread().getName());
            return super.hash(password);
        }

        @Override
        public synchronized boolean matches(Password password, PasswordHash hash) {
            threads.add(Thread.currentThread().getName());
            return super.matches(password, hash);
        }
    }
}
