package io.tierblog.app.replica;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the monitor last knew of the replica: each host listed in {@code DATABASE_REPLICA_URL},
 * and from them whether reads may go there at all and which position every host has replayed.
 */
public record ReplicaState(Condition condition, List<Host> hosts, Instant checked, Instant since,
                           Optional<String> problem) {

    public enum Condition {
        /** Not checked yet: reads go to the primary. */
        UNKNOWN,
        /** Every host that answers is within the allowed lag: reads may go to the replica. */
        STREAMING,
        /** A host that answers is further behind than allowed (or how far cannot be told): reads go to the primary. */
        LAGGING,
        /** No host answers, or a read there just failed: reads go to the primary. */
        DOWN
    }

    /**
     * One server of the replica URL. {@code lag} is how old the newest write it lacks may be: it
     * has replayed everything the primary had committed that long ago (zero when it has caught
     * up with the primary's last position); {@code lagBytes} is the WAL it has still to replay.
     * A host that is not in recovery is a primary (a standby promoted, or the fallback of
     * {@code prefer-standby}) and lacks nothing.
     */
    public record Host(String address, boolean answering, boolean inRecovery, Optional<Lsn> replayed,
                       Optional<Duration> lag, Optional<Long> lagBytes, Optional<String> problem) {
    }

    static ReplicaState unknown(Instant now) {
        return new ReplicaState(Condition.UNKNOWN, List.of(), now, now, Optional.of("not checked yet"));
    }

    /** True when reads without a position of their own may go to the replica. */
    public boolean readable() {
        return condition == Condition.STREAMING;
    }

    /**
     * The position every host has replayed at least: empty unless every host answered (a host
     * that did not might be the one a connection reaches next, and nothing is known of it).
     */
    public Optional<Lsn> replayedEverywhere() {
        if (hosts.isEmpty()) {
            return Optional.empty();
        }
        Lsn lowest = null;
        for (Host host : hosts) {
            if (!host.answering()) {
                return Optional.empty();
            }
            if (!host.inRecovery()) {
                continue; // a primary has every position
            }
            if (host.replayed().isEmpty()) {
                return Optional.empty();
            }
            Lsn replayed = host.replayed().get();
            lowest = lowest == null || replayed.compareTo(lowest) < 0 ? replayed : lowest;
        }
        return Optional.of(lowest == null ? Lsn.BEYOND_ANY : lowest);
    }

    /** The largest lag among the hosts that answer, if any is known. */
    public Optional<Duration> lag() {
        return hosts.stream().filter(Host::answering).flatMap(h -> h.lag().stream()).max(Duration::compareTo);
    }

    public Optional<Long> lagBytes() {
        return hosts.stream().filter(Host::answering).flatMap(h -> h.lagBytes().stream()).max(Long::compare);
    }

    ReplicaState suspended(Instant now, String why) {
        return new ReplicaState(Condition.DOWN, hosts, checked, condition == Condition.DOWN ? since : now,
                Optional.of(why));
    }
}
