package io.tierblog.web;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool that log-in and registration requests run on, apart from page requests. Their work is
 * a deliberately slow password hash (Argon2id: tens of milliseconds of CPU and about 19 MiB of
 * memory each). On the page pool a burst of them would hold every worker and every page would
 * wait; here at most {@code threads} hashes run at once, so hashing takes at most that many cores
 * and that much memory, and further log-ins wait their turn in this pool's queue.
 *
 * <p>{@code tierblog.web.password-check-threads}: the number of threads; 0 (the default) means
 * half the processors, at least one.
 */
@Factory
final class PasswordCheckPool {
    static final String NAME = "password-checks";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "shutdown")
    ExecutorService passwordChecks(@Value("${tierblog.web.password-check-threads:0}") int configured) {
        return Executors.newFixedThreadPool(threads(configured, Runtime.getRuntime().availableProcessors()),
                new PoolThreads(NAME));
    }

    static int threads(int configured, int processors) {
        if (configured < 0) {
            throw new IllegalArgumentException("tierblog.web.password-check-threads must not be negative");
        }
        return configured > 0 ? configured : Math.max(1, processors / 2);
    }

    private static final class PoolThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        PoolThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
