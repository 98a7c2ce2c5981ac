package io.tierblog.domain.exception;

import io.tierblog.domain.model.Username;

/** Registration named a username somebody already has. */
public final class UsernameTakenException extends DomainException {
    private final Username username;

    public UsernameTakenException(Username username) {
        super("User " + username.value() + " is already registered.");
        this.username = username;
    }

    public Username username() {
        return username;
    }
}
