package io.tierblog.domain.exception;

import io.tierblog.domain.model.ThrottleVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A log-in attempt refused before the password was looked at, because too many attempts failed
 * for that username or from that client lately. {@link #retryAfter()} says how long to wait.
 */
public final class LoginThrottledException extends DomainException {
    private final boolean lockedOut;
    private final Duration retryAfter;

    public LoginThrottledException(ThrottleVerdict verdict, Instant now) {
        this(verdict.outcome() == ThrottleVerdict.Outcome.LOCKED_OUT,
                wholeSeconds(Duration.between(now, verdict.retryAt().orElseThrow(
                        () -> new IllegalArgumentException("an allowed attempt is not throttled")))));
    }

    private LoginThrottledException(boolean lockedOut, Duration retryAfter) {
        super(message(lockedOut, retryAfter));
        this.lockedOut = lockedOut;
        this.retryAfter = Objects.requireNonNull(retryAfter);
    }

    /** True when the limit was reached, false when the attempts are only being slowed down. */
    public boolean lockedOut() {
        return lockedOut;
    }

    /** How long until the next attempt is taken, in whole seconds, at least one. */
    public Duration retryAfter() {
        return retryAfter;
    }

    private static Duration wholeSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static String message(boolean lockedOut, Duration wait) {
        if (lockedOut) {
            long minutes = Math.max(1, (wait.getSeconds() + 59) / 60);
            return "Too many failed log-ins. Logging in is paused for " + minutes
                    + (minutes == 1 ? " minute" : " minutes") + "; please try again later.";
        }
        long seconds = wait.getSeconds();
        return "Too many failed log-ins. Please wait " + seconds + (seconds == 1 ? " second" : " seconds")
                + " and try again.";
    }
}
