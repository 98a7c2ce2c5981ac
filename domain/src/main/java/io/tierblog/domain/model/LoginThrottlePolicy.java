package io.tierblog.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How many failed log-ins are tolerated, per username typed and per client address, before the
 * next attempt is slowed down and then refused.
 *
 * <p>For each key: the first {@link Limit#freeFailures()} failures cost nothing; after that each
 * further attempt must wait after the latest failure, {@link Limit#firstDelay()} at first and
 * twice as long after each new failure, at most {@link Limit#maxDelay()}; from
 * {@link Limit#lockoutAfter()} failures on, no attempt is taken until {@link #forgetAfter()} has
 * passed since the latest failure. Failures are forgotten {@link #forgetAfter()} after the latest
 * one, so every lock-out ends, and a successful log-in forgets the username's failures at once.
 * A client address is given more room than a username: many people may share one (a school, an
 * office, a mobile network).
 */
public record LoginThrottlePolicy(Limit perUsername, Limit perClient, Duration forgetAfter) {

    /** The allowance of one key. */
    public record Limit(int freeFailures, int lockoutAfter, Duration firstDelay, Duration maxDelay) {
        public Limit {
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (freeFailures < 0) {
                throw new IllegalArgumentException("free failures are not negative, got " + freeFailures);
            }
            if (lockoutAfter <= freeFailures) {
                throw new IllegalArgumentException("the lock-out comes after the free failures: "
                        + lockoutAfter + " <= " + freeFailures);
            }
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("delays are positive and the first is not above the longest");
            }
        }

        /** How long to wait after the latest of {@code failures} before the next attempt. */
        Duration delayAfter(int failures) {
            int doublings = Math.min(failures - freeFailures, 30);
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /**
     * The defaults: per username, 3 free failures, then waits of 1 s doubling up to 1 minute,
     * and a lock-out at 10 failures; per client address, 20 free, then the same waits, and a
     * lock-out at 100; everything forgotten 15 minutes after the latest failure.
     */
    public static LoginThrottlePolicy standard() {
        return new LoginThrottlePolicy(
                new Limit(3, 10, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                new Limit(20, 100, Duration.ofSeconds(1), Duration.ofMinutes(1)),
                Duration.ofMinutes(15));
    }

    public LoginThrottlePolicy {
        Objects.requireNonNull(perUsername, "perUsername");
        Objects.requireNonNull(perClient, "perClient");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (forgetAfter.compareTo(perUsername.maxDelay()) < 0 || forgetAfter.compareTo(perClient.maxDelay()) < 0) {
            throw new IllegalArgumentException("failures are kept at least as long as the longest wait");
        }
    }

    /** Failures whose latest is before this are forgotten when deciding at {@code now}. */
    public Instant forgetBefore(Instant now) {
        return now.minus(forgetAfter);
    }

    /** Whether an attempt at {@code now} may go ahead, given the failures counted against its keys. */
    public ThrottleVerdict verdict(Map<ThrottleKey, LoginFailures> failures, Instant now) {
        ThrottleVerdict verdict = ThrottleVerdict.allow();
        for (Map.Entry<ThrottleKey, LoginFailures> entry : failures.entrySet()) {
            Limit limit = entry.getKey().kind() == ThrottleKey.Kind.USERNAME ? perUsername : perClient;
            verdict = verdict.and(verdict(limit, entry.getValue(), now));
        }
        return verdict;
    }

    private ThrottleVerdict verdict(Limit limit, LoginFailures failures, Instant now) {
        if (failures.count() < limit.freeFailures() || failures.last().isEmpty()) {
            return ThrottleVerdict.allow();
        }
        Instant last = failures.last().get();
        Instant forgotten = last.plus(forgetAfter);
        if (!now.isBefore(forgotten)) {
            return ThrottleVerdict.allow();
        }
        if (failures.count() >= limit.lockoutAfter()) {
            return ThrottleVerdict.lockOut(forgotten);
        }
        Instant next = last.plus(limit.delayAfter(failures.count()));
        return now.isBefore(next) ? ThrottleVerdict.slowDown(next) : ThrottleVerdict.allow();
    }
}
