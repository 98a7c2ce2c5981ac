package io.tierblog.persistence;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.PostSearch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The adapters that read, over the {@value #DATASOURCE} datasource (a streaming replica, when
 * {@code DATABASE_REPLICA_URL} is set): the same classes as on the primary, built over that
 * datasource's operations. Which use case reads from here, and when, is decided where the app
 * wires its use cases; nothing here guesses. The adapters stay package-private: this is the one
 * way in, and it hands out the ports.
 */
@Singleton
@Requires(property = ReplicaReads.URL_PROPERTY)
public final class ReplicaReads {
    /** The name of the replica's datasource ({@code datasources.replica.*}). */
    public static final String DATASOURCE = "replica";
    /** Present only when a replica is configured; without it none of the replica's beans exists. */
    public static final String URL_PROPERTY = "datasources." + DATASOURCE + ".url";

    private final PostRepository posts;
    private final PostSearch search;

    ReplicaReads(ReplicaPostRowRepository rows, @Named(DATASOURCE) JdbcOperations jdbc) {
        this.posts = new JdbcPostRepository(rows);
        this.search = new PostgresPostSearch(jdbc);
    }

    /** Posts read on the replica: the index, a post's page, a post for its edit form. Never for writes. */
    public PostRepository posts() {
        return posts;
    }

    /** Search on the replica. */
    public PostSearch search() {
        return search;
    }
}
