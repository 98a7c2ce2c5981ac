package io.tierblog.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.app.datatier.DataTierSettings.PoolMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@code DATABASE_URL} says a transaction pooler is in front, and what the app then refuses. */
class TransactionPoolerUrlTest {
    private static final String POOLER = "postgresql://blog:pw@pooler.example.com:6432/tierblog?pool_mode=transaction";
    private static final String DIRECT = "postgresql://blog:pw@db.example.com:5432/tierblog";

    @Test
    void throughAPoolerMigrationsGoToTheServerItself() {
        try (DataTier tier = DataTier.resolve(Map.of("DATABASE_URL", POOLER + "&sslmode=require",
                "DATABASE_MIGRATION_URL", DIRECT))) {
            assertThat(tier.poolMode()).isEqualTo(PoolMode.TRANSACTION);
            assertThat(tier.url().jdbcUrl()).as("the parameter is the app's, not the driver's")
                    .isEqualTo("jdbc:postgresql://pooler.example.com:6432/tierblog?sslmode=require");
            assertThat(tier.migrationUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/tierblog");
            assertThat(tier.datasourceProperties())
                    .containsEntry("datasources.default.url", "jdbc:postgresql://pooler.example.com:6432/tierblog?sslmode=require")
                    .containsEntry("tierblog.data-tier.pool-mode", "TRANSACTION")
                    .containsEntry("tierblog.data-tier.migration-url", "jdbc:postgresql://db.example.com:5432/tierblog")
                    .containsEntry("tierblog.data-tier.migration-username", "blog")
                    .containsEntry("tierblog.data-tier.migration-password", "pw");
        }
    }

    @Test
    void withoutAPoolerMigrationsUseDatabaseUrl() {
        try (DataTier tier = DataTier.resolve(Map.of("DATABASE_URL", DIRECT))) {
            assertThat(tier.poolMode()).isEqualTo(PoolMode.SESSION);
            assertThat(tier.migrationUrl().jdbcUrl()).isEqualTo(tier.url().jdbcUrl());
        }
        try (DataTier tier = DataTier.resolve(Map.of("DATABASE_URL", DIRECT + "?pool_mode=session"))) {
            assertThat(tier.poolMode()).isEqualTo(PoolMode.SESSION);
            assertThat(tier.url().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/tierblog");
        }
    }

    @Test
    void aTransactionPoolerWithoutAMigrationUrlIsRefused() {
        assertThatThrownBy(() -> DataTier.resolve(Map.of("DATABASE_URL", POOLER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_MIGRATION_URL").hasMessageNotContaining("pw");
    }

    @Test
    void aMigrationUrlThroughAPoolerIsRefused() {
        assertThatThrownBy(() -> DataTier.resolve(Map.of("DATABASE_URL", POOLER, "DATABASE_MIGRATION_URL", POOLER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must reach PostgreSQL itself");
    }

    @Test
    void aMigrationUrlWithoutDatabaseUrlIsRefused() {
        assertThatThrownBy(() -> DataTier.resolve(Map.of("DATABASE_MIGRATION_URL", DIRECT)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DATABASE_URL is not");
    }

    @ParameterizedTest
    @ValueSource(strings = {"options=-c%20statement_timeout%3D1500", "currentSchema=blog", "prepareThreshold=5"})
    void settingsThePoolerWouldRefuseOrLoseAreRefused(String parameter) {
        assertThatThrownBy(() -> DataTier.resolve(Map.of("DATABASE_URL", POOLER + "&" + parameter,
                "DATABASE_MIGRATION_URL", DIRECT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parameter.substring(0, parameter.indexOf('=')));
    }

    @Test
    void prepareThresholdZeroIsAllowed() {
        try (DataTier tier = DataTier.resolve(Map.of("DATABASE_URL", POOLER + "&prepareThreshold=0",
                "DATABASE_MIGRATION_URL", DIRECT))) {
            assertThat(tier.poolMode()).isEqualTo(PoolMode.TRANSACTION);
        }
    }

    @Test
    void anUnknownPoolModeIsRefused() {
        assertThatThrownBy(() -> DataTier.resolve(Map.of("DATABASE_URL", DIRECT + "?pool_mode=statement")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool_mode=statement");
    }
}
