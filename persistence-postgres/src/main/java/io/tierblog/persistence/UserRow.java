package io.tierblog.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code users}; the id is null until the database gives one. */
@MappedEntity("users")
record UserRow(@Id @GeneratedValue(GeneratedValue.Type.IDENTITY) @Nullable Long id, String username,
               String password) {
}
