package io.tierblog.domain.model;

import java.util.Objects;

/** A registered user. */
public record User(UserId id, Username username, PasswordHash passwordHash) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }
}
