package io.tierblog.domain.service;

import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.AuthenticationFailedException.Reason;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.in.AuthenticateUserCommand;
import io.tierblog.domain.port.in.AuthenticateUserUseCase;
import io.tierblog.domain.port.out.PasswordHasher;
import io.tierblog.domain.port.out.UserRepository;
import java.util.Objects;
import java.util.Optional;

public final class AuthenticateUserService implements AuthenticateUserUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;

    public AuthenticateUserService(UserRepository users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users);
        this.hasher = Objects.requireNonNull(hasher);
    }

    @Override
    public User authenticate(AuthenticateUserCommand command) {
        Optional<User> user = parseUsername(command.username()).flatMap(users::findByUsername);
        Optional<Password> password = parsePassword(command.password());
        if (user.isEmpty()) {
            // Spend the same hashing time as a real check, so timing does not reveal usernames.
            password.ifPresent(p -> hasher.matches(p, hasher.decoy()));
            throw new AuthenticationFailedException(Reason.UNKNOWN_USERNAME);
        }
        if (password.isEmpty() || !hasher.matches(password.get(), user.get().passwordHash())) {
            throw new AuthenticationFailedException(Reason.WRONG_PASSWORD);
        }
        return user.get();
    }

    private static Optional<Username> parseUsername(String text) {
        try {
            return Optional.of(new Username(text));
        } catch (InvalidInputException notAUsername) {
            return Optional.empty();
        }
    }

    private static Optional<Password> parsePassword(String text) {
        try {
            return Optional.of(new Password(text));
        } catch (InvalidInputException notAPassword) {
            return Optional.empty();
        }
    }
}
