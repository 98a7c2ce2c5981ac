package io.tierblog.persistence;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import jakarta.inject.Named;

/**
 * The same rows and statements as {@link PostRowRepository}, on the replica's datasource: Micronaut
 * Data binds a repository to one datasource, so the read side over the replica is this subclass
 * (nothing of it is written twice). Only its reads are ever called, by the adapters
 * {@link ReplicaReads} builds; its connections are read-only. {@code @Secondary}: wherever a
 * {@code PostRowRepository} is asked for, the primary's is meant.
 */
@Secondary
@JdbcRepository(dialect = Dialect.POSTGRES, dataSource = ReplicaReads.DATASOURCE)
@Requires(property = ReplicaReads.URL_PROPERTY)
abstract class ReplicaPostRowRepository extends PostRowRepository {

    ReplicaPostRowRepository(@Named(ReplicaReads.DATASOURCE) JdbcOperations jdbc) {
        super(jdbc);
    }
}
