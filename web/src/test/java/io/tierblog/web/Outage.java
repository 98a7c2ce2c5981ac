package io.tierblog.web;

import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.PostSearch;
import io.tierblog.domain.port.out.UserRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Makes the repositories under the use cases fail on demand, as the PostgreSQL adapters do when
 * the database is gone ({@link DataTierUnavailableException}) or when something unexpected breaks.
 */
final class Outage {
    private volatile RuntimeException failure;
    private volatile boolean writesOnly;

    /** Every call fails, reads and writes. */
    void databaseDown() {
        fail(new DataTierUnavailableException("connection refused (simulated)", null), false);
    }

    /** Reads still work; the database goes away between reading a post and saving it. */
    void databaseDownForWrites() {
        fail(new DataTierUnavailableException("connection reset (simulated)", null), true);
    }

    void breakWith(RuntimeException unexpected) {
        fail(unexpected, false);
    }

    void end() {
        failure = null;
        writesOnly = false;
    }

    private void fail(RuntimeException with, boolean onlyWrites) {
        writesOnly = onlyWrites;
        failure = with;
    }

    private void check() {
        RuntimeException current = failure;
        if (current != null && !writesOnly) {
            throw current;
        }
    }

    private void checkWrite() {
        RuntimeException current = failure;
        if (current != null) {
            throw current;
        }
    }

    UserRepository guard(UserRepository users) {
        return new UserRepository() {
            @Override
            public User add(Username username, PasswordHash passwordHash) {
                checkWrite();
                return users.add(username, passwordHash);
            }

            @Override
            public Optional<User> findByUsername(Username username) {
                check();
                return users.findByUsername(username);
            }

            @Override
            public Optional<User> findById(UserId id) {
                check();
                return users.findById(id);
            }
        };
    }

    PostRepository guard(PostRepository posts) {
        return new PostRepository() {
            @Override
            public Post add(UserId authorId, Instant created, Title title, PostBody body, Language language) {
                checkWrite();
                return posts.add(authorId, created, title, body, language);
            }

            @Override
            public Optional<Post> findById(PostId id) {
                check();
                return posts.findById(id);
            }

            @Override
            public Optional<PostListing> findListingById(PostId id) {
                check();
                return posts.findListingById(id);
            }

            @Override
            public boolean update(PostId id, Title title, PostBody body, Language language) {
                checkWrite();
                return posts.update(id, title, body, language);
            }

            @Override
            public boolean delete(PostId id) {
                checkWrite();
                return posts.delete(id);
            }

            @Override
            public PostPage findPage(PostPageRequest request) {
                check();
                return posts.findPage(request);
            }

            @Override
            public IndexPage findIndexPage(PostPageRequest request, Predicate<PostSummary> bodyHeld) {
                check();
                return posts.findIndexPage(request, bodyHeld);
            }
        };
    }

    PostSearch guard(PostSearch search) {
        return new PostSearch() {
            @Override
            public SearchResults search(SearchRequest request) {
                check();
                return search.search(request);
            }

            @Override
            public List<String> suggestions(SearchQuery query, Language language, int limit) {
                check();
                return search.suggestions(query, language, limit);
            }
        };
    }
}
