package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;

/** A username as typed: case-sensitive, 1 to {@value #MAX_LENGTH} characters, one line. */
public record Username(String value) {
    public static final int MAX_LENGTH = 64;

    public Username {
        if (Text.isBlank(value)) {
            throw new InvalidInputException("username", "Username is required.");
        }
        Text.requireAtMost("username", "Username", value, MAX_LENGTH);
        if (Text.hasControlCharacterOrLoneSurrogate(value, false)) {
            throw new InvalidInputException("username", "Username may not contain control characters.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
