package io.tierblog.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.AuthenticationFailedException.Reason;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.in.AuthenticateUserCommand;
import io.tierblog.domain.port.in.RegisterUserCommand;
import io.tierblog.domain.model.ClientAddress;
import io.tierblog.domain.model.LoginThrottlePolicy;
import io.tierblog.domain.testing.FakePasswordHasher;
import io.tierblog.domain.testing.InMemoryLoginAttemptRepository;
import io.tierblog.domain.testing.InMemoryUserRepository;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserServicesTest {
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final RegisterUserService register = new RegisterUserService(users, hasher);
    private final AuthenticateUserService authenticate = new AuthenticateUserService(users, hasher,
            new InMemoryLoginAttemptRepository(), LoginThrottlePolicy.standard(), Clock.systemUTC());
    private static final ClientAddress CLIENT = new ClientAddress("192.0.2.1");

    @Test
    void registeringStoresAHashNeverThePassword() {
        User user = register.register(RegisterUserCommand.of("test", "secret"));

        assertThat(users.findByUsername(new Username("test"))).contains(user);
        assertThat(user.passwordHash().value()).doesNotContain("secret");
        assertThat(hasher.matches(new Password("secret"), user.passwordHash())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(value = {
            "'',''          , Username is required.",
            "'   ',x        , Username is required.",
            "a,''           , Password is required.",
    })
    void registrationValidatesUsernameThenPassword(String username, String password, String message) {
        assertThatThrownBy(() -> RegisterUserCommand.of(username, password))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void aTakenUsernameIsRefusedWithFlaskrsMessage() {
        register.register(RegisterUserCommand.of("test", "test"));

        assertThatThrownBy(() -> register.register(RegisterUserCommand.of("test", "other")))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("User test is already registered.");
    }

    @Test
    void tooLongInputIsRefusedBeforeHashing() {
        String longName = "u".repeat(Username.MAX_LENGTH + 1);
        String longPassword = "p".repeat(Password.MAX_LENGTH + 1);

        assertThatThrownBy(() -> RegisterUserCommand.of(longName, "x"))
                .hasMessage("Username must be at most " + Username.MAX_LENGTH + " characters.");
        assertThatThrownBy(() -> RegisterUserCommand.of("x", longPassword))
                .hasMessage("Password must be at most " + Password.MAX_LENGTH + " characters.");
    }

    @Test
    void logInWithTheRightPasswordGivesTheUser() {
        User user = register.register(RegisterUserCommand.of("test", "test"));

        assertThat(authenticate.authenticate(new AuthenticateUserCommand("test", "test", CLIENT))).isEqualTo(user);
    }

    @ParameterizedTest
    @CsvSource(value = {
            "a,test     , UNKNOWN_USERNAME, Incorrect username.",
            "'',test    , UNKNOWN_USERNAME, Incorrect username.",
            "TEST,test  , UNKNOWN_USERNAME, Incorrect username.",
            "test,a     , WRONG_PASSWORD  , Incorrect password.",
            "test,''    , WRONG_PASSWORD  , Incorrect password.",
    })
    void logInFailuresSayWhichPartWasWrong(String username, String password, Reason reason, String message) {
        register.register(RegisterUserCommand.of("test", "test"));

        assertThatThrownBy(() -> authenticate.authenticate(new AuthenticateUserCommand(username, password, CLIENT)))
                .isInstanceOfSatisfying(AuthenticationFailedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessage(message);
    }

    @Test
    void anUnknownUsernameStillCostsAPasswordCheck() {
        int before = hasher.matchCalls();

        assertThatThrownBy(() -> authenticate.authenticate(new AuthenticateUserCommand("nobody", "pw", CLIENT)))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(hasher.matchCalls()).isEqualTo(before + 1);
    }

    @Test
    void passwordsNeverShowInText() {
        assertThat(new Password("hunter2").toString()).doesNotContain("hunter2");
        assertThat(new AuthenticateUserCommand("u", "hunter2", CLIENT).toString()).doesNotContain("hunter2");
        assertThat(RegisterUserCommand.of("u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
