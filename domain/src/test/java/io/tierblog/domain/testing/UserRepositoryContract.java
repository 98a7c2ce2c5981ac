package io.tierblog.domain.testing;

import static io.tierblog.domain.testing.TestData.hash;
import static io.tierblog.domain.testing.TestData.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.exception.UsernameTakenException;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.out.UserRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserRepository} promises. An adapter's test extends this class and gives a
 * repository over empty storage in {@link #emptyRepository()}.
 */
public abstract class UserRepositoryContract {
    protected UserRepository users;

    /** A repository with no users in it; called before each test. */
    protected abstract UserRepository emptyRepository();

    @BeforeEach
    void setUpRepository() {
        users = emptyRepository();
    }

    @Test
    void addGivesAnIdAndKeepsWhatItWasGiven() {
        User added = users.add(username("alice"), hash("pw"));

        assertThat(added.id()).isNotNull();
        assertThat(added.username()).isEqualTo(username("alice"));
        assertThat(added.passwordHash()).isEqualTo(hash("pw"));
        assertThat(users.findById(added.id())).contains(added);
        assertThat(users.findByUsername(username("alice"))).contains(added);
    }

    @Test
    void idsAreDistinct() {
        User a = users.add(username("a"), hash("a"));
        User b = users.add(username("b"), hash("b"));

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void aTakenUsernameIsRefusedAndNothingIsStored() {
        User first = users.add(username("alice"), hash("first"));

        assertThatThrownBy(() -> users.add(username("alice"), hash("second")))
                .isInstanceOf(UsernameTakenException.class)
                .hasMessage("User alice is already registered.");
        assertThat(users.findByUsername(username("alice"))).contains(first);
    }

    @Test
    void usernamesAreCaseSensitive() {
        User lower = users.add(username("alice"), hash("lower"));
        User upper = users.add(username("Alice"), hash("upper"));

        assertThat(users.findByUsername(username("alice"))).contains(lower);
        assertThat(users.findByUsername(username("Alice"))).contains(upper);
        assertThat(users.findByUsername(username("ALICE"))).isEmpty();
    }

    @Test
    void unknownUsersAreEmpty() {
        assertThat(users.findByUsername(username("nobody"))).isEmpty();
        assertThat(users.findById(new UserId(987_654))).isEmpty();
    }

    @Test
    void unicodeUsernamesRoundTrip() {
        User added = users.add(username("Zoë 東京 🚀"), hash("u"));

        assertThat(users.findByUsername(username("Zoë 東京 🚀"))).contains(added);
    }
}
