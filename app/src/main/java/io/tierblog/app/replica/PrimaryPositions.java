package io.tierblog.app.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The primary's WAL positions of the last checks, each with the time just before it was read, as
 * far back as can matter: a server that has replayed one of them has every write committed before
 * its time, so its lag is the age of the newest one it has replayed. Not thread-safe: the
 * monitor's checks use it one at a time.
 */
final class PrimaryPositions {
    private static final int MAX_KEPT = 1_000;

    private record Sample(Instant taken, Lsn position) {
    }

    private final Duration keptFor;
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Keeps positions for {@code keptFor}: a server behind all of them is at least that far behind. */
    PrimaryPositions(Duration keptFor) {
        this.keptFor = keptFor;
    }

    /** The primary was at {@code position} when read just after {@code taken}. */
    void remember(Instant taken, Lsn position) {
        Sample last = samples.peekLast();
        if (last != null && position.compareTo(last.position()) < 0) {
            samples.clear(); // a different primary (after a failover): the old positions mean nothing there
        }
        samples.addLast(new Sample(taken, position));
        Instant horizon = taken.minus(keptFor);
        while (samples.size() > 1 && (samples.size() > MAX_KEPT || samples.peekFirst().taken().isBefore(horizon))) {
            samples.removeFirst();
        }
    }

    Optional<Lsn> newest() {
        return Optional.ofNullable(samples.peekLast()).map(Sample::position);
    }

    /**
     * How old the newest write a server that replayed up to {@code replayed} may lack is, at
     * {@code now}: the time since the newest kept position it includes, or, when it includes none,
     * since the oldest kept (it is at least that far behind). Empty when nothing is kept.
     */
    Optional<Duration> lagOf(Lsn replayed, Instant now) {
        if (samples.isEmpty()) {
            return Optional.empty();
        }
        Instant since = samples.peekFirst().taken();
        for (Sample sample : samples) {
            if (replayed.isAtLeast(sample.position())) {
                since = sample.taken();
            }
        }
        Duration lag = Duration.between(since, now);
        return Optional.of(lag.isNegative() ? Duration.ZERO : lag);
    }
}
