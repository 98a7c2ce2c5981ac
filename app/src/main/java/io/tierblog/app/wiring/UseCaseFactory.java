package io.tierblog.app.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.tierblog.app.security.Argon2PasswordHasher;
import io.tierblog.app.security.LoginThrottleConfiguration;
import io.tierblog.app.security.PasswordHashingConfiguration;
import io.tierblog.domain.port.in.AuthenticateUserUseCase;
import io.tierblog.domain.port.in.DeletePostUseCase;
import io.tierblog.domain.port.in.EditPostUseCase;
import io.tierblog.domain.port.in.GetPostForEditQuery;
import io.tierblog.domain.port.in.GetPostQuery;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.port.in.PublishPostUseCase;
import io.tierblog.domain.port.in.RegisterUserUseCase;
import io.tierblog.domain.port.in.SearchPostsQuery;
import io.tierblog.domain.port.out.LoginAttemptRepository;
import io.tierblog.domain.port.out.PasswordHasher;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.PostSearch;
import io.tierblog.domain.port.out.UserRepository;
import io.tierblog.domain.service.AuthenticateUserService;
import io.tierblog.domain.service.DeletePostService;
import io.tierblog.domain.service.EditPostService;
import io.tierblog.domain.service.GetPostForEditService;
import io.tierblog.domain.service.GetPostService;
import io.tierblog.domain.service.ListPostsService;
import io.tierblog.domain.service.PublishPostService;
import io.tierblog.domain.service.RegisterUserService;
import io.tierblog.domain.service.SearchPostsService;
import io.micronaut.core.annotation.Nullable;
import io.tierblog.app.replica.ReadRouting;
import io.tierblog.app.replica.WritePositions;
import io.tierblog.persistence.DataTierFailures;
import io.tierblog.persistence.ReplicaReads;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;

/**
 * Builds the domain's services over the PostgreSQL adapters and declares their transaction
 * boundaries. Nothing is component-scanned into the domain: this is the one place that says
 * which service answers which use case.
 *
 * <p>Transactions: editing and deleting read the post, check authorship and then write, so each
 * runs in one transaction; publishing is wrapped too so that any later write it gains is atomic.
 * Registration and log-in are single statements around a deliberately slow password hash; they
 * run without a surrounding transaction so that no pooled connection is held while hashing.
 * The index, a post's page, the edit form and a page of search results are single reads. The log-in throttle's admission of an attempt
 * is atomic within its own adapter (a short row-locking transaction before the hash).
 *
 * <p>Pools: with {@code DATABASE_REPLICA_URL} set, the four reads (the index, a post's page, the
 * edit form's post, search) are built twice, over the primary's adapters and over the replica's,
 * and {@link ReadRouting} chooses for each call; every write and every writing transaction stays
 * on the primary, and the writes a visitor's next pages must show (publish, edit, delete,
 * register) leave their position for the visitor's cookie ({@link WritePositions}). Without a
 * replica there is one pool and none of this: the services are the plain ones.
 */
@Factory
class UseCaseFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The hasher keeps the Argon2 memory of as many hashes as run at once: the web tier's
     * password-check pool has {@code tierblog.web.password-check-threads} threads (0: half the
     * processors, at least one), and only its threads hash.
     */
    @Singleton
    PasswordHasher passwordHasher(PasswordHashingConfiguration cost,
                                  @Value("${tierblog.web.password-check-threads:0}") int checkThreads) {
        int concurrent = checkThreads > 0 ? checkThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new Argon2PasswordHasher(cost.getMemoryKib(), cost.getIterations(), cost.getParallelism(), concurrent);
    }

    @Singleton
    UseCaseTransactions useCaseTransactions(TransactionOperations<Connection> transactions) {
        return new UseCaseTransactions(transactions, DataTierFailures::translate);
    }

    @Singleton
    RegisterUserUseCase registerUser(UserRepository users, PasswordHasher hasher,
                                     @Nullable WritePositions positions) {
        return remembered(RegisterUserUseCase.class, new RegisterUserService(users, hasher), positions);
    }

    @Singleton
    AuthenticateUserUseCase authenticateUser(UserRepository users, PasswordHasher hasher,
                                             LoginAttemptRepository attempts, LoginThrottleConfiguration throttle,
                                             Clock clock) {
        return new AuthenticateUserService(users, hasher, attempts, throttle.policy(), clock);
    }

    @Singleton
    PublishPostUseCase publishPost(PostRepository posts, Clock clock, UseCaseTransactions tx,
                                   @Nullable WritePositions positions) {
        return remembered(PublishPostUseCase.class,
                tx.writing(PublishPostUseCase.class, new PublishPostService(posts, clock)), positions);
    }

    @Singleton
    EditPostUseCase editPost(PostRepository posts, UseCaseTransactions tx, @Nullable WritePositions positions) {
        return remembered(EditPostUseCase.class, tx.writing(EditPostUseCase.class, new EditPostService(posts)),
                positions);
    }

    @Singleton
    DeletePostUseCase deletePost(PostRepository posts, UseCaseTransactions tx, @Nullable WritePositions positions) {
        return remembered(DeletePostUseCase.class, tx.writing(DeletePostUseCase.class, new DeletePostService(posts)),
                positions);
    }

    @Singleton
    ListPostsQuery listPosts(PostRepository posts, @Nullable ReplicaReads replica, @Nullable ReadRouting routing) {
        ListPostsQuery onPrimary = new ListPostsService(posts);
        return replica == null || routing == null ? onPrimary
                : routing.reading(ListPostsQuery.class, onPrimary, new ListPostsService(replica.posts()));
    }

    @Singleton
    GetPostForEditQuery getPostForEdit(PostRepository posts, @Nullable ReplicaReads replica,
                                       @Nullable ReadRouting routing) {
        GetPostForEditQuery onPrimary = new GetPostForEditService(posts);
        return replica == null || routing == null ? onPrimary
                : routing.reading(GetPostForEditQuery.class, onPrimary, new GetPostForEditService(replica.posts()));
    }

    @Singleton
    GetPostQuery getPost(PostRepository posts, @Nullable ReplicaReads replica, @Nullable ReadRouting routing) {
        GetPostQuery onPrimary = new GetPostService(posts);
        return replica == null || routing == null ? onPrimary
                : routing.reading(GetPostQuery.class, onPrimary, new GetPostService(replica.posts()));
    }

    @Singleton
    SearchPostsQuery searchPosts(PostSearch search, @Nullable ReplicaReads replica, @Nullable ReadRouting routing) {
        SearchPostsQuery onPrimary = new SearchPostsService(search);
        return replica == null || routing == null ? onPrimary
                : routing.reading(SearchPostsQuery.class, onPrimary, new SearchPostsService(replica.search()));
    }

    /** The use case, leaving the primary's position for the writer's cookie after each call when a replica is used. */
    private static <T> T remembered(Class<T> port, T useCase, WritePositions positions) {
        return positions == null ? useCase : positions.remembering(port, useCase);
    }
}
