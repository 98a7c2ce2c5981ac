package io.tierblog.persistence;

import static io.tierblog.domain.testing.TestData.hash;
import static io.tierblog.domain.testing.TestData.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.User;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.domain.testing.UserRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcUserRepositoryTest extends UserRepositoryContract {
    private static PostgresAdapters adapters;

    @BeforeAll
    static void startContext() {
        adapters = PostgresAdapters.start("jdbc_users");
    }

    @AfterAll
    static void closeContext() {
        adapters.close();
    }

    @Override
    protected UserRepository emptyRepository() {
        adapters.truncate();
        return adapters.bean(UserRepository.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(users).isInstanceOf(JdbcUserRepository.class);
    }

    @Test
    void aTakenUsernameIsNamedInTheException() {
        users.add(username("carol"), hash("c"));

        assertThatThrownBy(() -> users.add(username("carol"), hash("again")))
                .isInstanceOf(UsernameTakenException.class)
                .satisfies(e -> assertThat(((UsernameTakenException) e).username()).isEqualTo(username("carol")));
    }

    @Test
    void theHashIsStoredAsGiven() throws Exception {
        User added = users.add(username("dave"), hash("d"));

        try (var connection = adapters.database().connect();
             var statement = connection.prepareStatement("SELECT username, password FROM users WHERE id = ?")) {
            statement.setLong(1, added.id().value());
            try (var result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString("username")).isEqualTo("dave");
                assertThat(result.getString("password")).isEqualTo("hash-of-d");
            }
        }
    }
}
