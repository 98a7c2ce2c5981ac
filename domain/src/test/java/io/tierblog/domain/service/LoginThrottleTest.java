package io.tierblog.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.exception.LoginThrottledException;
import io.tierblog.domain.model.ClientAddress;
import io.tierblog.domain.model.LoginFailures;
import io.tierblog.domain.model.LoginThrottlePolicy;
import io.tierblog.domain.model.LoginThrottlePolicy.Limit;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.in.AuthenticateUserCommand;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.domain.testing.FakePasswordHasher;
import io.tierblog.domain.testing.InMemoryLoginAttemptRepository;
import io.tierblog.domain.testing.InMemoryUserRepository;
import io.tierblog.domain.testing.SettableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Repeated failed log-ins are slowed down, then refused for a while, per username and per client. */
class LoginThrottleTest {
    private static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
    private static final ClientAddress HOME = new ClientAddress("198.51.100.1");
    private static final ClientAddress CAFE = new ClientAddress("198.51.100.2");
    private static final Instant FAR_PAST = Instant.EPOCH;

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final InMemoryLoginAttemptRepository attempts = new InMemoryLoginAttemptRepository();
    private final SettableClock clock = new SettableClock(START);
    private final LoginThrottlePolicy policy = LoginThrottlePolicy.standard();
    private final AuthenticateUserService authenticate =
            new AuthenticateUserService(users, hasher, attempts, policy, clock);
    private final User alice = users.add(new Username("alice"), hasher.hash(new Password("right")));

    @Test
    void theFirstFailuresAreFreeThenEachAttemptMustWaitLongerThenLoggingInIsPaused() {
        for (int i = 0; i < 3; i++) {
            assertWrongPassword(HOME);
        }
        LoginThrottledException slowed = throttled("alice", "right", HOME);
        assertThat(slowed.lockedOut()).isFalse();
        assertThat(slowed.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(slowed).hasMessage("Too many failed log-ins. Please wait 1 second and try again.");
        int checksBefore = hasher.matchCalls();

        clock.advance(Duration.ofSeconds(1));
        assertWrongPassword(HOME);
        assertThat(throttled("alice", "x", HOME).retryAfter()).isEqualTo(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertWrongPassword(HOME);
        assertThat(throttled("alice", "x", HOME))
                .hasMessage("Too many failed log-ins. Please wait 4 seconds and try again.");
        for (int failures = 5; failures < 10; failures++) {
            clock.advance(Duration.ofMinutes(1));
            assertWrongPassword(HOME);
        }

        LoginThrottledException locked = throttled("alice", "right", HOME);
        assertThat(locked.lockedOut()).isTrue();
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(locked).hasMessage(
                "Too many failed log-ins. Logging in is paused for 15 minutes; please try again later.");
        assertThat(throttled("alice", "right", CAFE).lockedOut())
                .as("the username is locked wherever the attempt comes from").isTrue();
        assertThat(hasher.matchCalls() - checksBefore)
                .as("refused attempts never reach the password check").isEqualTo(7);
    }

    @Test
    void theLockOutEndsAndTheRightPasswordThenWorksAndForgetsTheFailures() {
        lockOut("alice", HOME);
        clock.advance(Duration.ofMinutes(14));
        assertThat(throttled("alice", "right", HOME).retryAfter()).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));
        assertThat(authenticate.authenticate(new AuthenticateUserCommand("alice", "right", HOME))).isEqualTo(alice);

        assertThat(attempts.failures(ThrottleKey.forUsername("alice"), FAR_PAST)).isEqualTo(LoginFailures.NONE);
        for (int i = 0; i < 3; i++) {
            assertWrongPassword(HOME);
        }
    }

    @Test
    void refusedAttemptsDoNotExtendTheLockOut() {
        lockOut("alice", HOME);
        for (int minute = 0; minute < 15; minute++) {
            throttled("alice", "guess" + minute, HOME);
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(authenticate.authenticate(new AuthenticateUserCommand("alice", "right", HOME))).isEqualTo(alice);
    }

    @Test
    void oneClientTryingManyUsernamesIsSlowedDownToo() {
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThatThrownBy(() -> authenticate.authenticate(
                    new AuthenticateUserCommand("user" + clock.instant().getEpochSecond(), "x", HOME)))
                    .isInstanceOf(AuthenticationFailedException.class);
        }

        assertThat(throttled("alice", "right", HOME).lockedOut()).isFalse();
        assertThat(authenticate.authenticate(new AuthenticateUserCommand("alice", "right", CAFE)))
                .as("other clients are not affected").isEqualTo(alice);
    }

    @Test
    void unknownUsernamesAreThrottledLikeKnownOnes() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> authenticate.authenticate(new AuthenticateUserCommand("nobody", "x", HOME)))
                    .isInstanceOf(AuthenticationFailedException.class);
        }

        assertThat(throttled("nobody", "x", CAFE).lockedOut()).isFalse();
    }

    @Test
    void aSuccessfulLogInDoesNotCountAgainstItsClient() {
        for (int i = 0; i < 50; i++) {
            authenticate.authenticate(new AuthenticateUserCommand("alice", "right", HOME));
        }

        assertThat(attempts.failures(ThrottleKey.forClient(HOME), FAR_PAST)).isEqualTo(LoginFailures.NONE);
    }

    @Test
    void anAttemptTheDataTierCouldNotDecideIsTakenBack() {
        UserRepository down = new UserRepository() {
            @Override
            public User add(Username username, io.tierblog.domain.model.PasswordHash passwordHash) {
                throw new DataTierUnavailableException("down", null);
            }

            @Override
            public Optional<User> findByUsername(Username username) {
                throw new DataTierUnavailableException("down", null);
            }

            @Override
            public Optional<User> findById(io.tierblog.domain.model.UserId id) {
                throw new DataTierUnavailableException("down", null);
            }
        };
        AuthenticateUserService duringOutage = new AuthenticateUserService(down, hasher, attempts, policy, clock);

        assertThatThrownBy(() -> duringOutage.authenticate(new AuthenticateUserCommand("alice", "right", HOME)))
                .isInstanceOf(DataTierUnavailableException.class);

        assertThat(attempts.failures(ThrottleKey.forUsername("alice"), FAR_PAST)).isEqualTo(LoginFailures.NONE);
        assertThat(attempts.failures(ThrottleKey.forClient(HOME), FAR_PAST)).isEqualTo(LoginFailures.NONE);
    }

    @Test
    void failuresAreForgottenAfterAQuietQuarterOfAnHour() {
        assertWrongPassword(HOME);
        assertWrongPassword(HOME);
        clock.advance(Duration.ofMinutes(16));
        assertWrongPassword(CAFE);

        assertThat(attempts.failures(ThrottleKey.forClient(HOME), FAR_PAST))
                .as("keys idle for the whole window are dropped from storage").isEqualTo(LoginFailures.NONE);
        assertThat(attempts.failures(ThrottleKey.forUsername("alice"), FAR_PAST).count()).isEqualTo(1);
    }

    @Test
    void theDelaysDoubleUpToTheLongestAndThePolicyChecksItsOwnSense() {
        Limit limit = new Limit(2, 20, Duration.ofSeconds(1), Duration.ofSeconds(10));
        LoginThrottlePolicy custom = new LoginThrottlePolicy(limit, limit, Duration.ofMinutes(5));
        ThrottleKey key = ThrottleKey.forUsername("k");

        assertThat(custom.verdict(java.util.Map.of(key, LoginFailures.of(1, START)), START).allowed()).isTrue();
        assertThat(custom.verdict(java.util.Map.of(key, LoginFailures.of(2, START)), START).retryAt())
                .contains(START.plusSeconds(1));
        assertThat(custom.verdict(java.util.Map.of(key, LoginFailures.of(5, START)), START).retryAt())
                .contains(START.plusSeconds(8));
        assertThat(custom.verdict(java.util.Map.of(key, LoginFailures.of(19, START)), START).retryAt())
                .contains(START.plusSeconds(10));
        assertThatThrownBy(() -> new Limit(5, 5, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottlePolicy(limit, limit, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysKeepOnlyADigestOfWhatWasTyped() throws Exception {
        ThrottleKey typed = ThrottleKey.forUsername("my secret password\0typed here");

        assertThat(typed.value()).matches("user:[0-9a-f]{64}").doesNotContain("secret");
        assertThat(ThrottleKey.parse(typed.value())).isEqualTo(typed);
        assertThat(ThrottleKey.forUsername("alice")).isNotEqualTo(ThrottleKey.forUsername("Alice"));
        assertThat(ThrottleKey.forClient(HOME).value()).startsWith("client:");
    }

    @Test
    void anIpv6ClientIsKnownByItsSlash64() throws Exception {
        ClientAddress one = ClientAddress.of(InetAddress.getByName("2001:db8:aaaa:bbbb:1:2:3:4"));
        ClientAddress other = ClientAddress.of(InetAddress.getByName("2001:db8:aaaa:bbbb:ffff::9"));

        assertThat(one).isEqualTo(other);
        assertThat(one.value()).isEqualTo("2001:db8:aaaa:bbbb::/64");
        assertThat(ClientAddress.of(InetAddress.getByName("192.0.2.9")).value()).isEqualTo("192.0.2.9");
        assertThat(ClientAddress.of(null)).isEqualTo(ClientAddress.UNKNOWN);
    }

    private void lockOut(String username, ClientAddress client) {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> authenticate.authenticate(new AuthenticateUserCommand(username, "wrong", client)))
                    .isInstanceOf(AuthenticationFailedException.class);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(-1));
    }

    private void assertWrongPassword(ClientAddress client) {
        assertThatThrownBy(() -> authenticate.authenticate(new AuthenticateUserCommand("alice", "wrong", client)))
                .isInstanceOf(AuthenticationFailedException.class)
                .hasMessage("Incorrect password.");
    }

    private LoginThrottledException throttled(String username, String password, ClientAddress client) {
        try {
            authenticate.authenticate(new AuthenticateUserCommand(username, password, client));
        } catch (LoginThrottledException refused) {
            return refused;
        }
        throw new AssertionError("expected the attempt to be throttled");
    }
}
