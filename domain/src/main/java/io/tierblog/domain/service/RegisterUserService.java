package io.tierblog.domain.service;

import io.tierblog.domain.model.User;
import io.tierblog.domain.port.in.RegisterUserCommand;
import io.tierblog.domain.port.in.RegisterUserUseCase;
import io.tierblog.domain.port.out.PasswordHasher;
import io.tierblog.domain.port.out.UserRepository;
import java.util.Objects;

public final class RegisterUserService implements RegisterUserUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;

    public RegisterUserService(UserRepository users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users);
        this.hasher = Objects.requireNonNull(hasher);
    }

    @Override
    public User register(RegisterUserCommand command) {
        // The repository's unique constraint decides; hashing first keeps the check-then-act
        // window out of the picture entirely.
        return users.add(command.username(), hasher.hash(command.password()));
    }
}
