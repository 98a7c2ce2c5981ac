package io.tierblog.app.datatier;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.util.Properties;

/**
 * Fits the pool's connections to a transaction pooler ({@code pool_mode=transaction} in
 * {@code DATABASE_URL}) before the pool is made: there, consecutive transactions of one connection
 * run on whichever server connection is free, so the driver must keep nothing in the session.
 * <ul>
 *   <li>{@code prepareThreshold=0}: PgJDBC never names a server-side prepared statement (after
 *   five executions it would, and the next transaction, on another server connection, would find
 *   it missing or find another client's of the same name);</li>
 *   <li>no {@code options} startup parameter: PgBouncer refuses it ("unsupported startup
 *   parameter"), or, told to ignore it, drops the {@code statement_timeout} it carries. The
 *   statement timeout is the role's instead, checked by {@link DataTierMonitor}.</li>
 * </ul>
 */
@Singleton
class TransactionPooling implements BeanCreatedEventListener<DatasourceConfiguration> {
    static final String STARTUP_OPTIONS = "options";
    static final String PREPARE_THRESHOLD = "prepareThreshold";

    private final DataTierSettings settings;

    TransactionPooling(DataTierSettings settings) {
        this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (settings.getPoolMode() == DataTierSettings.PoolMode.TRANSACTION) {
            Properties properties = configuration.getDataSourceProperties();
            properties.remove(STARTUP_OPTIONS);
            properties.setProperty(PREPARE_THRESHOLD, "0");
        }
        return configuration;
    }
}
