package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in the index, newest first: the page after a cursor holds the posts strictly older
 * than it in (created, id) order.
 */
public record PostCursor(Instant created, PostId id) {
    public PostCursor {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(id, "id");
    }

    /** True when a post at (created, id) comes after this cursor, newest first. */
    public boolean isBefore(Instant otherCreated, PostId otherId) {
        int byTime = otherCreated.compareTo(created);
        return byTime < 0 || (byTime == 0 && otherId.value() < id.value());
    }
}
