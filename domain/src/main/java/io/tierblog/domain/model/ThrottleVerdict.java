package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a log-in attempt may go ahead now. A refused attempt may be tried again at
 * {@link #retryAt()}: soon while the attempts are only being slowed down, after the whole
 * lock-out when the limit was reached.
 */
public record ThrottleVerdict(Outcome outcome, Optional<Instant> retryAt) {

    public enum Outcome {
        /** Go ahead and check the password. */
        ALLOWED,
        /** Too soon after the last failures: wait a little. */
        SLOWED_DOWN,
        /** Too many failures: wait until the lock-out ends. */
        LOCKED_OUT
    }

    private static final ThrottleVerdict ALLOW = new ThrottleVerdict(Outcome.ALLOWED, Optional.empty());

    public ThrottleVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryAt, "retryAt");
        if ((outcome == Outcome.ALLOWED) != retryAt.isEmpty()) {
            throw new IllegalArgumentException("only a refusal has a time to retry");
        }
    }

    public static ThrottleVerdict allow() {
        return ALLOW;
    }

    public static ThrottleVerdict slowDown(Instant retryAt) {
        return new ThrottleVerdict(Outcome.SLOWED_DOWN, Optional.of(retryAt));
    }

    public static ThrottleVerdict lockOut(Instant retryAt) {
        return new ThrottleVerdict(Outcome.LOCKED_OUT, Optional.of(retryAt));
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** The stricter of two verdicts: a lock-out over a slow-down, the later time to retry over the sooner. */
    public ThrottleVerdict and(ThrottleVerdict other) {
        if (allowed()) {
            return other;
        }
        if (other.allowed()) {
            return this;
        }
        Outcome worst = outcome == Outcome.LOCKED_OUT || other.outcome == Outcome.LOCKED_OUT
                ? Outcome.LOCKED_OUT : Outcome.SLOWED_DOWN;
        Instant latest = retryAt.get().isAfter(other.retryAt.get()) ? retryAt.get() : other.retryAt.get();
        return new ThrottleVerdict(worst, Optional.of(latest));
    }
}
