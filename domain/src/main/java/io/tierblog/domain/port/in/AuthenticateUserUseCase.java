package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.LoginThrottledException;
import io.tierblog.domain.model.User;

public interface AuthenticateUserUseCase {
    /**
     * @throws LoginThrottledException when too many attempts failed lately for that username or from that
     *                                 client; the password was not looked at
     * @throws AuthenticationFailedException when the username is unknown or the password wrong
     */
    User authenticate(AuthenticateUserCommand command);
}
