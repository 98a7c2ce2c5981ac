package io.tierblog.domain.service;

import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.AuthenticationFailedException.Reason;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.exception.LoginThrottledException;
import io.tierblog.domain.model.LoginThrottlePolicy;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.ThrottleVerdict;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.in.AuthenticateUserCommand;
import io.tierblog.domain.port.in.AuthenticateUserUseCase;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import io.tierblog.domain.port.out.PasswordHasher;
import io.tierblog.domain.port.out.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a username and password, under the log-in throttle: each attempt is first admitted
 * against the failures counted for the username typed and for the client (and counted as a
 * failure until it succeeds), and a refused attempt never reaches the password check.
 */
public final class AuthenticateUserService implements AuthenticateUserUseCase {
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginAttemptRepository attempts;
    private final LoginThrottlePolicy policy;
    private final Clock clock;

    public AuthenticateUserService(UserRepository users, PasswordHasher hasher, LoginAttemptRepository attempts,
                                   LoginThrottlePolicy policy, Clock clock) {
        this.users = Objects.requireNonNull(users);
        this.hasher = Objects.requireNonNull(hasher);
        this.attempts = Objects.requireNonNull(attempts);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public User authenticate(AuthenticateUserCommand command) {
        Instant now = clock.instant();
        ThrottleKey username = ThrottleKey.forUsername(command.username());
        ThrottleKey client = ThrottleKey.forClient(command.client());
        ThrottleVerdict verdict = attempts.admit(Set.of(username, client), now, policy.forgetBefore(now),
                failures -> policy.verdict(failures, now));
        if (!verdict.allowed()) {
            throw new LoginThrottledException(verdict, now);
        }
        User user;
        try {
            user = check(command);
        } catch (AuthenticationFailedException failed) {
            // The failure stays counted; keys nobody failed with for a while are dropped.
            attempts.forgetBefore(policy.forgetBefore(now));
            throw failed;
        } catch (RuntimeException undecided) {
            // Neither right nor wrong (the data tier went away): take the attempt back.
            forgive(undecided, username, client);
            throw undecided;
        }
        attempts.clear(username);
        attempts.forgive(client);
        return user;
    }

    private User check(AuthenticateUserCommand command) {
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

    private void forgive(RuntimeException cause, ThrottleKey... keys) {
        for (ThrottleKey key : keys) {
            try {
                attempts.forgive(key);
            } catch (RuntimeException alsoFailed) {
                cause.addSuppressed(alsoFailed);
            }
        }
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
