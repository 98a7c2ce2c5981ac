package io.tierblog.web;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.FakePasswordHasher;
import io.tierblog.domain.testing.InMemoryLoginAttemptRepository;
import io.tierblog.domain.testing.InMemoryPostRepository;
import io.tierblog.domain.testing.InMemoryUserRepository;
import io.tierblog.domain.testing.SettableClock;
import io.tierblog.domain.testing.TestData;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * flaskr's tests/data.sql: users "test" (password "test") and "other" (password "other"), and
 * one post by "test" written on 2018-01-01.
 */
@Requires(property = InMemoryDomainFactory.ENABLED, value = "true")
@Singleton
class Seed {
    final InMemoryUserRepository users;
    final InMemoryPostRepository posts;
    final FakePasswordHasher hasher;
    final Outage outage;
    final InMemoryLoginAttemptRepository loginAttempts;
    final SettableClock throttleClock;

    Seed(InMemoryUserRepository users, InMemoryPostRepository posts, FakePasswordHasher hasher, Outage outage,
         InMemoryLoginAttemptRepository loginAttempts, @Named("throttle") SettableClock throttleClock) {
        this.users = users;
        this.posts = posts;
        this.hasher = hasher;
        this.outage = outage;
        this.loginAttempts = loginAttempts;
        this.throttleClock = throttleClock;
    }

    /** Back to flaskr's test data, with ids from 1 again, the database "up" and no failed log-ins counted. */
    void reset() {
        outage.end();
        loginAttempts.clearAll();
        posts.clear();
        users.clear();
        User test = user("test", "test");
        user("other", "other");
        posts.add(test.id(), TestData.JAN_1_2018, TestData.title("test title"), TestData.body("test\nbody"), Language.ENGLISH);
    }

    User user(String name, String password) {
        return users.add(TestData.username(name), hasher.hash(new Password(password)));
    }
}
