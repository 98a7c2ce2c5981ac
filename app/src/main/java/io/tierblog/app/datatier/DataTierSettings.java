package io.tierblog.app.datatier;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tierblog.data-tier.*}: how the app watches and migrates its database. */
@ConfigurationProperties("tierblog.data-tier")
public class DataTierSettings {
    private boolean migrateOnStart = true;
    private Duration checkInterval = Duration.ofSeconds(2);
    private Duration firstRetry = Duration.ofMillis(250);
    private Duration maxRetry = Duration.ofSeconds(4);

    /** Apply pending migrations as soon as the database answers (else only report them). */
    public boolean isMigrateOnStart() {
        return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
        this.migrateOnStart = migrateOnStart;
    }

    /** How often a reachable database is checked. */
    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    /** The first wait before checking an unreachable database again; it doubles up to {@link #getMaxRetry()}. */
    public Duration getFirstRetry() {
        return firstRetry;
    }

    public void setFirstRetry(Duration firstRetry) {
        this.firstRetry = firstRetry;
    }

    public Duration getMaxRetry() {
        return maxRetry;
    }

    public void setMaxRetry(Duration maxRetry) {
        this.maxRetry = maxRetry;
    }
}
