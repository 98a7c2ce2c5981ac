package io.tierblog.web;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.tierblog.domain.port.in.AuthenticateUserUseCase;
import io.tierblog.domain.port.in.DeletePostUseCase;
import io.tierblog.domain.port.in.EditPostUseCase;
import io.tierblog.domain.port.in.GetPostForEditQuery;
import io.tierblog.domain.port.in.GetPostQuery;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.port.in.PublishPostUseCase;
import io.tierblog.domain.port.in.RegisterUserUseCase;
import io.tierblog.domain.port.in.SearchPostsQuery;
import io.tierblog.domain.service.AuthenticateUserService;
import io.tierblog.domain.service.DeletePostService;
import io.tierblog.domain.service.EditPostService;
import io.tierblog.domain.service.GetPostForEditService;
import io.tierblog.domain.service.GetPostService;
import io.tierblog.domain.service.ListPostsService;
import io.tierblog.domain.service.PublishPostService;
import io.tierblog.domain.service.RegisterUserService;
import io.tierblog.domain.service.SearchPostsService;
import io.tierblog.domain.model.LoginThrottlePolicy;
import io.tierblog.domain.testing.FakePasswordHasher;
import io.tierblog.domain.testing.InMemoryLoginAttemptRepository;
import io.tierblog.domain.testing.InMemoryPostRepository;
import io.tierblog.domain.testing.InMemoryPostSearch;
import io.tierblog.domain.testing.InMemoryUserRepository;
import io.tierblog.domain.testing.SettableClock;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * The use cases the app provides, built here from the domain services over the in-memory
 * adapters, so tests can seed and inspect what the web tier changed. Only this module's test
 * configuration switches it on: a module reusing the test-jar keeps its own use cases.
 */
@Requires(property = InMemoryDomainFactory.ENABLED, value = "true")
@Factory
class InMemoryDomainFactory {
    static final String ENABLED = "tierblog.web-tests.in-memory-domain";

    @Singleton
    InMemoryUserRepository users() {
        return new InMemoryUserRepository();
    }

    @Singleton
    InMemoryPostRepository posts(InMemoryUserRepository users) {
        return new InMemoryPostRepository(users);
    }

    @Singleton
    FakePasswordHasher hasher() {
        return new FakePasswordHasher();
    }

    @Singleton
    InMemoryLoginAttemptRepository loginAttempts() {
        return new InMemoryLoginAttemptRepository();
    }

    /** The log-in throttle's clock, which tests move to see a lock-out end. */
    @Singleton
    @Named("throttle")
    SettableClock throttleClock() {
        return new SettableClock(Instant.now());
    }

    @Singleton
    Outage outage() {
        return new Outage();
    }

    @Singleton
    RegisterUserUseCase registerUser(InMemoryUserRepository users, FakePasswordHasher hasher, Outage outage) {
        return new RegisterUserService(outage.guard(users), hasher);
    }

    @Singleton
    AuthenticateUserUseCase authenticateUser(InMemoryUserRepository users, FakePasswordHasher hasher,
                                             InMemoryLoginAttemptRepository attempts,
                                             @Named("throttle") SettableClock clock, Outage outage) {
        return new AuthenticateUserService(outage.guard(users), hasher, attempts, LoginThrottlePolicy.standard(),
                clock);
    }

    @Singleton
    PublishPostUseCase publishPost(InMemoryPostRepository posts, Outage outage) {
        return new PublishPostService(outage.guard(posts), Clock.systemUTC());
    }

    @Singleton
    EditPostUseCase editPost(InMemoryPostRepository posts, Outage outage) {
        return new EditPostService(outage.guard(posts));
    }

    @Singleton
    DeletePostUseCase deletePost(InMemoryPostRepository posts, Outage outage) {
        return new DeletePostService(outage.guard(posts));
    }

    @Singleton
    ListPostsQuery listPosts(InMemoryPostRepository posts, Outage outage) {
        return new ListPostsService(outage.guard(posts));
    }

    @Singleton
    SearchPostsQuery searchPosts(InMemoryPostRepository posts, InMemoryUserRepository users, Outage outage) {
        return new SearchPostsService(outage.guard(new InMemoryPostSearch(posts, users)));
    }

    @Singleton
    GetPostQuery getPost(InMemoryPostRepository posts, Outage outage) {
        return new GetPostService(outage.guard(posts));
    }

    @Singleton
    GetPostForEditQuery getPostForEdit(InMemoryPostRepository posts, Outage outage) {
        return new GetPostForEditService(outage.guard(posts));
    }
}
