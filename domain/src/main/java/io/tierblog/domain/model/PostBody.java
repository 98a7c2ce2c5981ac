package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;

/** A post's body: may be empty, at most {@value #MAX_LENGTH} characters, line breaks kept. */
public record PostBody(String value) {
    public static final int MAX_LENGTH = 20_000;

    public PostBody {
        if (value == null) {
            value = "";
        }
        Text.requireAtMost("body", "Body", value, MAX_LENGTH);
        if (Text.hasControlCharacterOrLoneSurrogate(value, true)) {
            throw new InvalidInputException("body", "Body may not contain control characters.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
