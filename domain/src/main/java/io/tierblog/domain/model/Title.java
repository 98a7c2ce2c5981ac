package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;

/** A post's title: required, one line, at most {@value #MAX_LENGTH} characters. */
public record Title(String value) {
    public static final int MAX_LENGTH = 200;

    public Title {
        if (Text.isBlank(value)) {
            throw new InvalidInputException("title", "Title is required.");
        }
        Text.requireAtMost("title", "Title", value, MAX_LENGTH);
        if (Text.hasControlCharacterOrLoneSurrogate(value, false)) {
            throw new InvalidInputException("title", "Title may not contain control characters.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
