package io.tierblog.domain.model;

import java.util.Optional;

/** Identity of a post, given by the repository. */
public record PostId(long value) {
    public PostId {
        if (value <= 0) {
            throw new IllegalArgumentException("a post id is positive, got " + value);
        }
    }

    /** Reads an id typed into a URL; anything that is not a positive whole number is empty. */
    public static Optional<PostId> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        try {
            long value = Long.parseLong(text);
            return value > 0 ? Optional.of(new PostId(value)) : Optional.empty();
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }
}
