package io.tierblog.domain.model;

/** Identity of a registered user, given by the repository. */
public record UserId(long value) {
    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("a user id is positive, got " + value);
        }
    }
}
