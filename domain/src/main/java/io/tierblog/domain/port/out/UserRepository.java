package io.tierblog.domain.port.out;

import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.model.Username;
import java.util.Optional;

/** Where users are kept. Usernames are unique and compared case-sensitively. */
public interface UserRepository {

    /**
     * Stores a new user and gives it an id.
     *
     * @throws UsernameTakenException when the username is already registered
     */
    User add(Username username, PasswordHash passwordHash);

    Optional<User> findByUsername(Username username);

    Optional<User> findById(UserId id);
}
