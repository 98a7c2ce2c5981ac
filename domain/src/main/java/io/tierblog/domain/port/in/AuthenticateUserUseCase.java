package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.model.User;

public interface AuthenticateUserUseCase {
    /** @throws AuthenticationFailedException when the username is unknown or the password wrong */
    User authenticate(AuthenticateUserCommand command);
}
