package io.tierblog.app.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.app.replica.ReadRouting.Route;
import io.tierblog.app.replica.ReplicaState.Condition;
import io.tierblog.app.replica.ReplicaState.Host;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The routing decision, the lag arithmetic and the positions, without a database. */
class ReadRoutingTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static Host standby(String address, String replayed) {
        return new Host(address, true, true, Lsn.parse(replayed), Optional.of(Duration.ZERO), Optional.of(0L),
                Optional.empty());
    }

    private static Host unreachable(String address) {
        return new Host(address, false, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(address + ": Connection refused."));
    }

    private static ReplicaState state(Condition condition, Host... hosts) {
        return new ReplicaState(condition, List.of(hosts), NOW, NOW, Optional.empty());
    }

    private static Optional<Lsn> lsn(String text) {
        return Lsn.parse(text);
    }

    @Test
    void aFreshReplicaAnswersVisitorsWithoutAPosition() {
        assertThat(ReadRouting.decide(state(Condition.STREAMING, standby("a:5432", "0/3000000")), Optional.empty()))
                .isEqualTo(Route.REPLICA);
    }

    @Test
    void aReplicaThatIsDownLaggingOrUncheckedAnswersNobody() {
        Host host = standby("a:5432", "0/3000000");
        assertThat(ReadRouting.decide(state(Condition.DOWN, host), Optional.empty())).isEqualTo(Route.PRIMARY_REPLICA_DOWN);
        assertThat(ReadRouting.decide(state(Condition.LAGGING, host), Optional.empty()))
                .isEqualTo(Route.PRIMARY_REPLICA_LAGGING);
        assertThat(ReadRouting.decide(ReplicaState.unknown(NOW), Optional.empty())).isEqualTo(Route.PRIMARY_UNCHECKED);
        assertThat(ReadRouting.decide(state(Condition.LAGGING, host), lsn("0/1"))).isEqualTo(Route.PRIMARY_REPLICA_LAGGING);
    }

    @Test
    void aWriterReadsFromTheReplicaOnlyOnceEveryHostReplayedTheirPosition() {
        ReplicaState two = state(Condition.STREAMING, standby("a:5432", "0/3000100"), standby("b:5432", "0/3000000"));
        assertThat(ReadRouting.decide(two, lsn("0/3000000"))).isEqualTo(Route.REPLICA);
        assertThat(ReadRouting.decide(two, lsn("0/2FFFFFF"))).isEqualTo(Route.REPLICA);
        assertThat(ReadRouting.decide(two, lsn("0/3000001"))).as("host b has not replayed it")
                .isEqualTo(Route.PRIMARY_OWN_WRITE);
        assertThat(ReadRouting.decide(two, Optional.of(Lsn.BEYOND_ANY))).isEqualTo(Route.PRIMARY_OWN_WRITE);
    }

    @Test
    void aHostThatDoesNotAnswerMakesTheReplayedPositionUnknown() {
        ReplicaState oneGone = state(Condition.STREAMING, standby("a:5432", "5/0"), unreachable("b:5432"));
        assertThat(oneGone.replayedEverywhere()).isEmpty();
        assertThat(ReadRouting.decide(oneGone, lsn("0/1"))).isEqualTo(Route.PRIMARY_OWN_WRITE);
        assertThat(ReadRouting.decide(oneGone, Optional.empty())).as("no position asked for").isEqualTo(Route.REPLICA);
    }

    @Test
    void aHostOutOfRecoveryIsAPrimaryAndLacksNothing() {
        Host promoted = new Host("a:5432", true, false, Optional.empty(), Optional.of(Duration.ZERO), Optional.of(0L),
                Optional.empty());
        assertThat(state(Condition.STREAMING, promoted).replayedEverywhere()).hasValue(Lsn.BEYOND_ANY);
        assertThat(state(Condition.STREAMING, promoted, standby("b:5432", "1/0")).replayedEverywhere()).isEqualTo(lsn("1/0"));
    }

    @Test
    void positionsCompareAsUnsignedNumbersAndPrintAsPostgresDoes() {
        assertThat(Lsn.parse("16/B374D848")).hasValueSatisfying(l -> assertThat(l.toString()).isEqualTo("16/B374D848"));
        assertThat(Lsn.parse("0/0")).hasValue(new Lsn(0));
        assertThat(Lsn.parse("1/0").get()).isGreaterThan(Lsn.parse("0/FFFFFFFF").get());
        assertThat(Lsn.BEYOND_ANY).isGreaterThan(Lsn.parse("7FFFFFFF/FFFFFFFF").get());
        assertThat(Lsn.parse(Lsn.BEYOND_ANY.toString())).hasValue(Lsn.BEYOND_ANY);
        assertThat(Lsn.parse("0/3000100").get().bytesAfter(Lsn.parse("0/3000000").get())).isEqualTo(256);
        assertThat(Lsn.parse("0/3000000").get().bytesAfter(Lsn.parse("0/3000100").get())).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "0/", "/0", "g/0", "0/x", "-1/0", "0/+1", "123456789/0", "0/123456789", "0.0",
            "0/0/0", " 0/0"})
    void anythingElseIsNoPosition(String text) {
        assertThat(Lsn.parse(text)).isEmpty();
        assertThat(Lsn.parse(null)).isEmpty();
    }

    @Test
    void lagIsTheAgeOfTheNewestPrimaryPositionReplayed() {
        PrimaryPositions positions = new PrimaryPositions(Duration.ofSeconds(20));
        assertThat(positions.lagOf(new Lsn(100), NOW)).as("nothing known of the primary").isEmpty();
        positions.remember(NOW.minusSeconds(3), new Lsn(100));
        positions.remember(NOW.minusSeconds(2), new Lsn(200));
        positions.remember(NOW.minusSeconds(1), new Lsn(300));
        assertThat(positions.lagOf(new Lsn(300), NOW)).hasValue(Duration.ofSeconds(1));
        assertThat(positions.lagOf(new Lsn(250), NOW)).hasValue(Duration.ofSeconds(2));
        assertThat(positions.lagOf(new Lsn(100), NOW)).hasValue(Duration.ofSeconds(3));
        assertThat(positions.lagOf(new Lsn(50), NOW)).as("behind all kept: at least the oldest's age")
                .hasValue(Duration.ofSeconds(3));
        assertThat(positions.newest()).hasValue(new Lsn(300));
    }

    @Test
    void anIdlePrimaryShowsNoLagHoweverLongItHasBeenIdle() {
        PrimaryPositions positions = new PrimaryPositions(Duration.ofSeconds(20));
        for (int second = 600; second >= 1; second--) {
            positions.remember(NOW.minusSeconds(second), new Lsn(4242));
        }
        assertThat(positions.lagOf(new Lsn(4242), NOW)).hasValue(Duration.ofSeconds(1));
    }

    @Test
    void positionsAreKeptOnlyAsFarBackAsTheyMatter() {
        PrimaryPositions positions = new PrimaryPositions(Duration.ofSeconds(10));
        for (int second = 0; second <= 60; second++) {
            positions.remember(NOW.plusSeconds(second), new Lsn(second));
        }
        // Behind everything kept: the oldest kept is 10 s old, so the lag reads as at least that.
        assertThat(positions.lagOf(new Lsn(0), NOW.plusSeconds(60))).hasValue(Duration.ofSeconds(10));
    }

    @Test
    void aPrimaryWhosePositionWentBackIsANewOne() {
        PrimaryPositions positions = new PrimaryPositions(Duration.ofSeconds(20));
        positions.remember(NOW.minusSeconds(5), new Lsn(1_000));
        positions.remember(NOW.minusSeconds(1), new Lsn(10));
        assertThat(positions.lagOf(new Lsn(10), NOW)).hasValue(Duration.ofSeconds(1));
        assertThat(positions.newest()).hasValue(new Lsn(10));
    }

    @Test
    void aPositionIsKeptUntilTheLagCheckSuffices() {
        ReplicaSettings settings = new ReplicaSettings();
        assertThat(settings.readPositionLifetime()).isEqualTo(Duration.ofSeconds(9));
        settings.setMaxLag(Duration.ofMillis(30_500));
        settings.setCheckInterval(Duration.ofMillis(200));
        assertThat(settings.readPositionLifetime()).isEqualTo(Duration.ofSeconds(33));
    }

    @Test
    void onlyTheReplicasOwnTroubleSendsAReadAgainToThePrimary() {
        assertThat(ReadRouting.isReplicaTrouble(new io.tierblog.domain.exception.DataTierUnavailableException(
                "The database cannot be reached.", new RuntimeException()))).isTrue();
        java.sql.SQLException conflict = new java.sql.SQLException(
                "canceling statement due to conflict with recovery", "40001");
        assertThat(ReadRouting.isReplicaTrouble(new RuntimeException("wrapped", conflict))).isTrue();
        assertThat(ReadRouting.isReplicaTrouble(new RuntimeException("wrapped",
                new java.sql.SQLException("syntax error", "42601")))).isFalse();
        assertThat(ReadRouting.isReplicaTrouble(new io.tierblog.domain.exception.PostNotFoundException(
                new io.tierblog.domain.model.PostId(1)))).isFalse();
    }
}
