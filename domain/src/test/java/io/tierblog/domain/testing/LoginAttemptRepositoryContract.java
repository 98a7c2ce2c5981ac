package io.tierblog.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.domain.model.ClientAddress;
import io.tierblog.domain.model.LoginFailures;
import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.ThrottleVerdict;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoginAttemptRepository} promises. An adapter's test extends this class and
 * gives a repository over empty storage in {@link #emptyRepository()}.
 */
public abstract class LoginAttemptRepositoryContract {
    /** Microseconds: the precision every adapter keeps. */
    private static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456Z");
    private static final Instant LONG_AGO = Instant.parse("2000-01-01T00:00:00Z");
    private static final ThrottleKey ALICE = ThrottleKey.forUsername("alice");
    private static final ThrottleKey BOB = ThrottleKey.forUsername("bob");
    private static final ThrottleKey HOME = ThrottleKey.forClient(new ClientAddress("203.0.113.7"));

    protected LoginAttemptRepository attempts;

    /** A repository with nothing counted; called before each test. */
    protected abstract LoginAttemptRepository emptyRepository();

    @BeforeEach
    void setUpRepository() {
        attempts = emptyRepository();
    }

    @Test
    void aNewKeyHasNoFailuresAndAnAdmittedAttemptCountsOneAgainstEachKey() {
        AtomicReference<Map<ThrottleKey, LoginFailures>> seen = new AtomicReference<>();

        ThrottleVerdict verdict = attempts.admit(Set.of(ALICE, HOME), T0, LONG_AGO, failures -> {
            seen.set(failures);
            return ThrottleVerdict.allow();
        });

        assertThat(verdict.allowed()).isTrue();
        assertThat(seen.get()).containsOnly(Map.entry(ALICE, LoginFailures.NONE), Map.entry(HOME, LoginFailures.NONE));
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.of(1, T0));
        assertThat(attempts.failures(HOME, LONG_AGO)).isEqualTo(LoginFailures.of(1, T0));
        assertThat(attempts.failures(BOB, LONG_AGO)).isEqualTo(LoginFailures.NONE);
    }

    @Test
    void thePolicySeesWhatWasCountedBeforeAndTheLatestTime() {
        admit(ALICE, T0);
        admit(ALICE, T0.plusSeconds(5));
        AtomicReference<Map<ThrottleKey, LoginFailures>> seen = new AtomicReference<>();

        attempts.admit(Set.of(ALICE), T0.plusSeconds(9), LONG_AGO, failures -> {
            seen.set(failures);
            return ThrottleVerdict.allow();
        });

        assertThat(seen.get()).containsOnly(Map.entry(ALICE, LoginFailures.of(2, T0.plusSeconds(5))));
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.of(3, T0.plusSeconds(9)));
    }

    @Test
    void aRefusedAttemptIsNotCountedAndTheVerdictIsReturned() {
        admit(ALICE, T0);
        ThrottleVerdict refusal = ThrottleVerdict.slowDown(T0.plusSeconds(30));

        ThrottleVerdict verdict = attempts.admit(Set.of(ALICE, HOME), T0.plusSeconds(1), LONG_AGO, f -> refusal);

        assertThat(verdict).isEqualTo(refusal);
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.of(1, T0));
        assertThat(attempts.failures(HOME, LONG_AGO)).isEqualTo(LoginFailures.NONE);
    }

    @Test
    void failuresBeforeForgetBeforeAreForgottenAndCountingStartsAgain() {
        admit(ALICE, T0);
        admit(ALICE, T0.plusSeconds(1));
        Instant later = T0.plus(Duration.ofHours(1));
        AtomicReference<Map<ThrottleKey, LoginFailures>> seen = new AtomicReference<>();

        attempts.admit(Set.of(ALICE), later, later.minus(Duration.ofMinutes(15)), failures -> {
            seen.set(failures);
            return ThrottleVerdict.allow();
        });

        assertThat(seen.get()).containsOnly(Map.entry(ALICE, LoginFailures.NONE));
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.of(1, later));
        assertThat(attempts.failures(ALICE, T0.plusSeconds(2))).isEqualTo(LoginFailures.of(1, later));
    }

    @Test
    void failuresReadBeforeForgetBeforeAreNone() {
        admit(ALICE, T0);

        assertThat(attempts.failures(ALICE, T0)).isEqualTo(LoginFailures.of(1, T0));
        assertThat(attempts.failures(ALICE, T0.plusNanos(1_000))).isEqualTo(LoginFailures.NONE);
    }

    @Test
    void anAttemptOutOfOrderKeepsTheLatestTime() {
        admit(ALICE, T0.plusSeconds(10));
        admit(ALICE, T0);

        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.of(2, T0.plusSeconds(10)));
    }

    @Test
    void forgiveTakesOneFailureBack() {
        admit(ALICE, T0);
        admit(ALICE, T0.plusSeconds(1));

        attempts.forgive(ALICE);
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.of(1, T0.plusSeconds(1)));
        attempts.forgive(ALICE);
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.NONE);
        attempts.forgive(ALICE);
        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.NONE);
        attempts.forgive(BOB);
        assertThat(attempts.failures(BOB, LONG_AGO)).isEqualTo(LoginFailures.NONE);
    }

    @Test
    void clearForgetsOneKeyOnly() {
        admit(ALICE, T0);
        admit(BOB, T0);

        attempts.clear(ALICE);

        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.NONE);
        assertThat(attempts.failures(BOB, LONG_AGO)).isEqualTo(LoginFailures.of(1, T0));
    }

    @Test
    void forgetBeforeDropsOnlyKeysWhoseLatestFailureIsOlder() {
        admit(ALICE, T0);
        admit(BOB, T0.plusSeconds(60));
        admit(HOME, T0.plusSeconds(120));

        assertThat(attempts.forgetBefore(T0.plusSeconds(61))).isEqualTo(2);

        assertThat(attempts.failures(ALICE, LONG_AGO)).isEqualTo(LoginFailures.NONE);
        assertThat(attempts.failures(BOB, LONG_AGO)).isEqualTo(LoginFailures.NONE);
        assertThat(attempts.failures(HOME, LONG_AGO)).isEqualTo(LoginFailures.of(1, T0.plusSeconds(120)));
        assertThat(attempts.forgetBefore(T0)).isZero();
    }

    @Test
    void racingAttemptsAreDecidedOneAfterAnotherSoALimitHoldsExactly() throws Exception {
        int threads = 8;
        int attemptsEach = 6;
        int limit = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> admitted = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                // Half the callers name the keys in one order and half in the other: no deadlock either way.
                Set<ThrottleKey> keys = t % 2 == 0 ? Set.of(ALICE, HOME) : Set.of(HOME, ALICE);
                Callable<Integer> caller = () -> {
                    start.await();
                    int count = 0;
                    for (int i = 0; i < attemptsEach; i++) {
                        ThrottleVerdict verdict = attempts.admit(keys, T0, LONG_AGO,
                                failures -> failures.get(ALICE).count() < limit
                                        ? ThrottleVerdict.allow() : ThrottleVerdict.lockOut(T0.plusSeconds(60)));
                        count += verdict.allowed() ? 1 : 0;
                    }
                    return count;
                };
                admitted.add(pool.submit(caller));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> future : admitted) {
                total += future.get(60, TimeUnit.SECONDS);
            }

            assertThat(total).isEqualTo(limit);
            assertThat(attempts.failures(ALICE, LONG_AGO).count()).isEqualTo(limit);
            assertThat(attempts.failures(HOME, LONG_AGO).count()).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }

    private void admit(ThrottleKey key, Instant at) {
        assertThat(attempts.admit(Set.of(key), at, LONG_AGO, f -> ThrottleVerdict.allow()).allowed()).isTrue();
    }
}
