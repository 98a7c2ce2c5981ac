package io.tierblog.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRowRepository extends GenericRepository<UserRow, Long> {

    UserRow save(UserRow row);

    Optional<UserRow> findById(long id);

    Optional<UserRow> findByUsername(String username);
}
