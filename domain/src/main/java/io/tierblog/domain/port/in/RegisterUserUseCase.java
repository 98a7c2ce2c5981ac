package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.User;

public interface RegisterUserUseCase {
    /** @throws UsernameTakenException when somebody has that username already */
    User register(RegisterUserCommand command);
}
