package io.tierblog.domain.model;

import io.tierblog.domain.exception.InvalidInputException;

/**
 * A password in clear, on its way to the hasher. At most {@value #MAX_LENGTH} characters, which
 * also bounds the cost of hashing it. Its {@code toString} never shows the secret.
 */
public record Password(String value) {
    public static final int MAX_LENGTH = 256;

    public Password {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("password", "Password is required.");
        }
        Text.requireAtMost("password", "Password", value, MAX_LENGTH);
        if (value.indexOf('\0') >= 0 || Text.hasLoneSurrogate(value)) {
            throw new InvalidInputException("password", "Password may not contain NUL or invalid characters.");
        }
    }

    @Override
    public String toString() {
        return "Password[****]";
    }
}
