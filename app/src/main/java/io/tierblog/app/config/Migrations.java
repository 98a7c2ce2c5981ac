package io.tierblog.app.config;

import io.tierblog.persistence.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies pending migrations from {@code classpath:db/migration}. Never cleans or undoes. */
public final class Migrations {
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    public static MigrateResult migrate(DatabaseUrl url) {
        return Flyway.configure()
                .dataSource(url.jdbcUrl(), url.username().orElse(null), url.password().orElse(null))
                .locations(LOCATION)
                .cleanDisabled(true)
                .load()
                .migrate();
    }
}
