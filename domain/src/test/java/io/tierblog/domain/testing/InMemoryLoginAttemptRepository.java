package io.tierblog.domain.testing;

import io.tierblog.domain.model.LoginFailures;
import io.tierblog.domain.model.ThrottleKey;
import io.tierblog.domain.model.ThrottleVerdict;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** A {@link LoginAttemptRepository} in memory; one lock makes every admission atomic. */
public class InMemoryLoginAttemptRepository implements LoginAttemptRepository {
    private final Map<ThrottleKey, LoginFailures> byKey = new HashMap<>();

    @Override
    public synchronized ThrottleVerdict admit(Set<ThrottleKey> keys, Instant at, Instant forgetBefore,
                                              Function<Map<ThrottleKey, LoginFailures>, ThrottleVerdict> policy) {
        Map<ThrottleKey, LoginFailures> current = new TreeMap<>();
        for (ThrottleKey key : keys) {
            current.put(key, failures(key, forgetBefore));
        }
        ThrottleVerdict verdict = policy.apply(Map.copyOf(current));
        if (verdict.allowed()) {
            current.forEach((key, failures) -> {
                Instant last = failures.last().filter(l -> l.isAfter(at)).orElse(at);
                byKey.put(key, LoginFailures.of(failures.count() + 1, last));
            });
        }
        return verdict;
    }

    @Override
    public synchronized LoginFailures failures(ThrottleKey key, Instant forgetBefore) {
        LoginFailures failures = byKey.getOrDefault(key, LoginFailures.NONE);
        return failures.last().filter(last -> !last.isBefore(forgetBefore)).isPresent() ? failures : LoginFailures.NONE;
    }

    @Override
    public synchronized void forgive(ThrottleKey key) {
        LoginFailures failures = byKey.get(key);
        if (failures == null) {
            return;
        }
        if (failures.count() <= 1) {
            byKey.remove(key);
        } else {
            byKey.put(key, LoginFailures.of(failures.count() - 1, failures.last().orElseThrow()));
        }
    }

    @Override
    public synchronized void clear(ThrottleKey key) {
        byKey.remove(key);
    }

    @Override
    public synchronized int forgetBefore(Instant before) {
        int size = byKey.size();
        byKey.values().removeIf(f -> f.last().map(last -> last.isBefore(before)).orElse(true));
        return size - byKey.size();
    }

    /** Forgets everything, as a test starting afresh needs. */
    public synchronized void clearAll() {
        byKey.clear();
    }
}
