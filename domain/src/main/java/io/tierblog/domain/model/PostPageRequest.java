package io.tierblog.domain.model;

import java.util.Optional;

/** Which page of the index to read: the posts after {@code after}, at most {@code size} of them. */
public record PostPageRequest(Optional<PostCursor> after, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public PostPageRequest {
        after = after == null ? Optional.empty() : after;
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size is 1.." + MAX_SIZE + ", got " + size);
        }
    }

    public static PostPageRequest first() {
        return new PostPageRequest(Optional.empty(), DEFAULT_SIZE);
    }

    public static PostPageRequest after(PostCursor cursor) {
        return new PostPageRequest(Optional.of(cursor), DEFAULT_SIZE);
    }
}
