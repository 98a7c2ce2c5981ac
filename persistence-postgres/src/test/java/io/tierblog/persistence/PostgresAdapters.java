package io.tierblog.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.util.HashMap;
import java.util.Map;

/** A Micronaut context holding this module's adapters, on a migrated schema of its own. */
final class PostgresAdapters implements AutoCloseable {
    private final TestDatabase database;
    private final ApplicationContext context;

    private PostgresAdapters(TestDatabase database, ApplicationContext context) {
        this.database = database;
        this.context = context;
    }

    static PostgresAdapters start(String label) {
        return start(label, Map.of());
    }

    static PostgresAdapters start(String label, Map<String, Object> extraProperties) {
        TestDatabase database = TestDatabases.migratedSchema(label);
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.putAll(extraProperties);
        return new PostgresAdapters(database, ApplicationContext.run(properties));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(Argument<T> type) {
        return context.getBean(type);
    }

    TestDatabase database() {
        return database;
    }

    /** Empties the tables and restarts their ids. */
    void truncate() {
        database.execute("TRUNCATE posts, users RESTART IDENTITY CASCADE");
    }

    @Override
    public void close() {
        context.close();
    }
}
