package io.tierblog.domain.model;

/** A password hash in the hasher's self-describing format (for example a PHC string). */
public record PasswordHash(String value) {
    public PasswordHash {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a password hash is not empty");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[****]";
    }
}
