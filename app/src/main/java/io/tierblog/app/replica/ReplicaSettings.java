package io.tierblog.app.replica;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** {@code tierblog.replica.*}: how far behind the replica may be, and how often it is looked at. */
@ConfigurationProperties("tierblog.replica")
public class ReplicaSettings {
    private Duration maxLag = Duration.ofSeconds(5);
    private Duration checkInterval = Duration.ofSeconds(1);

    /** {@code DATABASE_REPLICA_MAX_LAG}: a replica further behind than this serves no reads. */
    public Duration getMaxLag() {
        return maxLag;
    }

    public void setMaxLag(Duration maxLag) {
        this.maxLag = maxLag;
    }

    /** How often the monitor reads the primary's and each replica host's position. */
    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    /**
     * How long a writer's read position is kept in their cookie. After the write plus
     * {@link #getMaxLag()} any replica allowed to serve reads has replayed it (its lag is measured
     * as the age of what it lacks); two check intervals cover the monitor's view being that old,
     * and two seconds more the clocks of instances that differ a little.
     */
    public Duration readPositionLifetime() {
        Duration lifetime = maxLag.plus(checkInterval.multipliedBy(2)).plusSeconds(2);
        long seconds = (lifetime.toMillis() + 999) / 1000;
        return Duration.ofSeconds(seconds);
    }
}
