package io.tierblog.app;

import java.time.Duration;
import java.util.function.Supplier;

/** A result and how long it took to get it. */
record Timed<T>(T value, Duration elapsed) {
    static <T> Timed<T> of(Supplier<T> work) {
        long start = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Polls until {@code condition} holds, or fails after {@code limit}; returns how long it took. */
    static Duration until(Duration limit, Supplier<Boolean> condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (true) {
            boolean met;
            try {
                met = condition.get();
            } catch (RuntimeException notYet) {
                met = false;
            }
            if (met) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
