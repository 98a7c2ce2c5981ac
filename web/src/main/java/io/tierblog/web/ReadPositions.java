package io.tierblog.web;

import io.micronaut.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * What a visitor's next requests must see of their own writes, carried between requests in a
 * signed, HttpOnly cookie ({@link ReadPositionCookie}) so that any instance honours it. The
 * position is opaque here: whoever wires the use cases puts one on a request that wrote
 * ({@link #wrote}) and reads back the one the visitor brought ({@link #required}); the web tier
 * only signs, keeps and checks it.
 */
public final class ReadPositions {
    static final String REQUIRED = "tierblog.read-position.required";
    static final String WRITTEN = "tierblog.read-position.written";
    static final String WRITTEN_LIFETIME = "tierblog.read-position.lifetime";
    /** Longer than any position needs: it only has to outlive the replica's allowed lag. */
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final int MAX_LENGTH = 64;

    private ReadPositions() {
    }

    /** The position this visitor's own last write reached, from a valid, unexpired cookie. */
    public static Optional<String> required(HttpRequest<?> request) {
        return request.getAttribute(REQUIRED, String.class);
    }

    /**
     * Records that this request wrote, up to {@code position}: the response carries it in the
     * cookie for {@code lifetime} (at most an hour). A later call in the same request replaces it.
     */
    public static void wrote(HttpRequest<?> request, String position, Duration lifetime) {
        if (position == null || position.isEmpty() || position.length() > MAX_LENGTH
                || !position.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '.')) {
            throw new IllegalArgumentException("a read position is 1 to 64 printable ASCII characters without '.'");
        }
        Duration kept = lifetime.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : lifetime;
        if (kept.isNegative() || kept.isZero()) {
            throw new IllegalArgumentException("a read position is kept for some time");
        }
        request.setAttribute(WRITTEN, position);
        request.setAttribute(WRITTEN_LIFETIME, kept);
    }
}
