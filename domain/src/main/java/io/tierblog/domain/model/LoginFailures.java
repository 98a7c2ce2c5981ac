package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The failed log-ins counted against one key since it was last forgotten, and when the latest was. */
public record LoginFailures(int count, Optional<Instant> last) {
    public static final LoginFailures NONE = new LoginFailures(0, Optional.empty());

    public LoginFailures {
        Objects.requireNonNull(last, "last");
        if (count < 0) {
            throw new IllegalArgumentException("a failure count is not negative, got " + count);
        }
        if (count > 0 && last.isEmpty()) {
            throw new IllegalArgumentException("failures have a time");
        }
    }

    public static LoginFailures of(int count, Instant last) {
        return count == 0 ? NONE : new LoginFailures(count, Optional.of(last));
    }
}
