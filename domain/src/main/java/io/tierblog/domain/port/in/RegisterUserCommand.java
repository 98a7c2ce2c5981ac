package io.tierblog.domain.port.in;

import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.Username;
import java.util.Objects;

public record RegisterUserCommand(Username username, Password password) {
    public RegisterUserCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** Validates username first, then password, as the form reads. */
    public static RegisterUserCommand of(String username, String password) {
        Username name = new Username(username);
        return new RegisterUserCommand(name, new Password(password));
    }
}
