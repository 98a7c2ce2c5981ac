package io.tierblog.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A row of {@code posts}; the id is null until the database gives one. The generated
 * {@code search} column is PostgreSQL's alone and is never read or written here.
 */
@MappedEntity("posts")
record PostRow(@Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id, long authorId, Instant created,
               String title, String body, String language) {
}
