package io.tierblog.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code DATABASE_REPLICA_URL} and {@code DATABASE_REPLICA_MAX_LAG} as the launcher reads them. */
class ReplicaUrlTest {
    private static final String PRIMARY = "postgresql://blog:pw@db1:5432/tierblog";

    private static DataTier resolve(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put(DataTier.DATABASE_URL, PRIMARY);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return DataTier.resolve(env);
    }

    @Test
    void withoutAReplicaThereIsNoSecondPool() {
        try (DataTier tier = resolve()) {
            assertThat(tier.replicaUrl()).isEmpty();
            assertThat(tier.datasourceProperties().keySet()).noneMatch(key -> key.startsWith("datasources.replica."))
                    .doesNotContain("tierblog.replica.max-lag");
        }
    }

    @Test
    void aReplicaGetsAReadOnlyPoolLikeThePrimarysPreferringStandbysSpreadOverItsHosts() {
        try (DataTier tier = resolve(DataTier.REPLICA_URL, "postgresql://reader:s3cret@r1:5433,r2:5434/tierblog?sslmode=require")) {
            Map<String, Object> properties = tier.datasourceProperties();
            assertThat(properties).containsEntry("datasources.replica.url",
                    "jdbc:postgresql://r1:5433,r2:5434/tierblog?sslmode=require&targetServerType=preferSecondary&loadBalanceHosts=true"
                            + "&hostRecheckSeconds=2");
            assertThat(properties).containsEntry("datasources.replica.username", "reader")
                    .containsEntry("datasources.replica.password", "s3cret")
                    .containsEntry("datasources.replica.read-only", true)
                    .containsEntry("datasources.replica.connection-timeout", "${datasources.default.connection-timeout}")
                    .containsEntry("datasources.replica.maximum-pool-size", "${datasources.default.maximum-pool-size}")
                    .containsEntry("datasources.replica.data-source-properties.options",
                            "${datasources.default.data-source-properties.options}")
                    .doesNotContainKey("tierblog.replica.max-lag");
            assertThat(properties.get("datasources.default.url")).isEqualTo("jdbc:postgresql://db1:5432/tierblog");
        }
    }

    @Test
    void oneReplicaHostIsPreferredAsAStandbyToo() {
        try (DataTier tier = resolve(DataTier.REPLICA_URL, "postgres://r1/tierblog")) {
            assertThat(tier.replicaUrl().orElseThrow().jdbcUrl())
                    .isEqualTo("jdbc:postgresql://r1:5432/tierblog?targetServerType=preferSecondary&loadBalanceHosts=true");
        }
        try (DataTier tier = resolve(DataTier.REPLICA_URL, "postgres://r1,r2/tierblog?target_session_attrs=standby&loadBalanceHosts=false")) {
            assertThat(tier.replicaUrl().orElseThrow().jdbcUrl()).isEqualTo(
                    "jdbc:postgresql://r1:5432,r2:5432/tierblog?loadBalanceHosts=false&targetServerType=secondary&hostRecheckSeconds=2");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://r1/blog", "postgresql://r1:99999/blog", "postgresql://r1/blog?target_session_attrs=nearest",
            "postgresql://r1/"})
    void aMalformedReplicaUrlStopsTheStartNamingTheVariable(String url) {
        assertThatThrownBy(() -> resolve(DataTier.REPLICA_URL, url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATABASE_REPLICA_URL: ");
    }

    @Test
    void aPasswordInAMalformedReplicaUrlIsNotRepeated() {
        assertThatThrownBy(() -> resolve(DataTier.REPLICA_URL, "postgresql://u:hunter2@r1:0/blog"))
                .hasMessageStartingWith("DATABASE_REPLICA_URL: ").hasMessageNotContaining("hunter2");
    }

    @Test
    void aReplicaWithoutAPrimaryIsRefused() {
        assertThatThrownBy(() -> DataTier.resolve(Map.of(DataTier.REPLICA_URL, "postgresql://r1/blog")))
                .hasMessageContaining("DATABASE_REPLICA_URL is set but DATABASE_URL is not");
    }

    @Test
    void aReplicaMissingItsCertificateFileIsNamed() {
        assertThatThrownBy(() -> resolve(DataTier.REPLICA_URL, "postgresql://r1/blog?sslrootcert=/nonexistent/ca.crt"))
                .hasMessage("DATABASE_REPLICA_URL names sslrootcert=/nonexistent/ca.crt, which does not exist.");
    }

    @Test
    void theReplicasPoolModeMustBeThePrimarys() {
        assertThatThrownBy(() -> resolve(DataTier.REPLICA_URL, "postgresql://r1/blog?pool_mode=transaction"))
                .hasMessageContaining("DATABASE_REPLICA_URL has pool_mode=transaction but DATABASE_URL does not");
        assertThatThrownBy(() -> resolve(DataTier.REPLICA_URL, "postgresql://r1/blog?pool_mode=sometimes"))
                .hasMessageStartingWith("DATABASE_REPLICA_URL has pool_mode=sometimes");
        try (DataTier tier = resolve(DataTier.DATABASE_URL, PRIMARY + "?pool_mode=transaction",
                DataTier.MIGRATION_URL, PRIMARY,
                DataTier.REPLICA_URL, "postgresql://r1:6432/blog?pool_mode=transaction")) {
            assertThat(tier.replicaUrl().orElseThrow().jdbcUrl()).doesNotContain("pool_mode");
        }
        assertThatThrownBy(() -> resolve(DataTier.DATABASE_URL, PRIMARY + "?pool_mode=transaction",
                DataTier.MIGRATION_URL, PRIMARY,
                DataTier.REPLICA_URL, "postgresql://r1:6432/blog?options=-c%20x%3D1"))
                .hasMessageStartingWith("DATABASE_REPLICA_URL goes through a transaction pooler and has options");
    }

    @ParameterizedTest
    @CsvSource({"5, 5000", "5s, 5000", "2.5, 2500", "500ms, 500", "1m, 60000", "' 10 s ', 10000", "60m, 3600000"})
    void theMaxLagIsATime(String text, long millis) {
        assertThat(DataTier.replicaMaxLag(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "-1", "fast", "5 minutes", "61m", "1h", "0.0001"})
    void anythingElseStopsTheStartNamingTheVariable(String text) {
        assertThatThrownBy(() -> DataTier.replicaMaxLag(text))
                .hasMessageStartingWith("DATABASE_REPLICA_MAX_LAG must be a time above zero and at most an hour");
        assertThatThrownBy(() -> resolve(DataTier.REPLICA_URL, "postgresql://r1/blog", DataTier.REPLICA_MAX_LAG, text))
                .hasMessageStartingWith("DATABASE_REPLICA_MAX_LAG");
    }

    @Test
    void aGivenMaxLagBecomesTheProperty() {
        try (DataTier tier = resolve(DataTier.REPLICA_URL, "postgresql://r1/blog", DataTier.REPLICA_MAX_LAG, "1.5")) {
            assertThat(tier.datasourceProperties()).containsEntry("tierblog.replica.max-lag", "1500ms");
        }
    }

    @Test
    void theMaxLagDefaultsToFiveSeconds() {
        assertThat(DataTier.replicaMaxLag(null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(DataTier.replicaMaxLag(" ")).isEqualTo(Duration.ofSeconds(5));
    }
}
