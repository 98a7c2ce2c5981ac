package io.tierblog.domain.port.out;

import io.tierblog.domain.model.LoginFailures;
import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.ThrottleVerdict;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where failed log-ins are counted, shared by every instance of the web tier so that a limit
 * holds wherever the attempts land.
 */
public interface LoginAttemptRepository {

    /**
     * Decides on one log-in attempt, atomically for its keys across every caller and instance:
     * reads the failures counted against each key (none for a key whose latest failure is before
     * {@code forgetBefore}), asks {@code policy} for a verdict, and when it allows the attempt
     * counts one failure at {@code at} against every key before returning, so that attempts
     * racing each other are each decided on the ones before them. A successful attempt takes
     * its failure back with {@link #clear} or {@link #forgive}.
     *
     * @return the policy's verdict
     */
    ThrottleVerdict admit(Set<ThrottleKey> keys, Instant at, Instant forgetBefore,
                          Function<Map<ThrottleKey, LoginFailures>, ThrottleVerdict> policy);

    /** The failures counted against {@code key} (none when the latest is before {@code forgetBefore}). */
    LoginFailures failures(ThrottleKey key, Instant forgetBefore);

    /** Takes back one failure counted against {@code key}, if there is one. */
    void forgive(ThrottleKey key);

    /** Forgets every failure counted against {@code key}. */
    void clear(ThrottleKey key);

    /**
     * Forgets every key whose latest failure is before {@code before}, or that has none left.
     *
     * @return how many keys were forgotten
     */
    int forgetBefore(Instant before);
}
