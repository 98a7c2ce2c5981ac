package io.tierblog.persistence;

import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.out.UserRepository;
import jakarta.inject.Singleton;
import java.util.Optional;

/** {@link UserRepository} on the {@code users} table. */
@Singleton
class JdbcUserRepository implements UserRepository {
    static final String USERNAME_CONSTRAINT = "users_username_key";

    private final UserRowRepository rows;

    JdbcUserRepository(UserRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public User add(Username username, PasswordHash passwordHash) {
        try {
            return toUser(rows.save(new UserRow(null, username.value(), passwordHash.value())));
        } catch (RuntimeException failure) {
            if (DataAccessFailures.isUniqueViolation(failure, USERNAME_CONSTRAINT)) {
                throw new UsernameTakenException(username);
            }
            throw DataAccessFailures.translate(failure);
        }
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        try {
            return rows.findByUsername(username.value()).map(JdbcUserRepository::toUser);
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        try {
            return rows.findById(id.value()).map(JdbcUserRepository::toUser);
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
    }

    private static User toUser(UserRow row) {
        return new User(new UserId(row.id()), new Username(row.username()), new PasswordHash(row.password()));
    }
}
