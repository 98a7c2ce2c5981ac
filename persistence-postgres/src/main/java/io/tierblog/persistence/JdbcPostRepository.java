package io.tierblog.persistence;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostCursor;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.out.PostRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link PostRepository} on the {@code posts} table; the index joins {@code users} for authors' names. */
@Singleton
class JdbcPostRepository implements PostRepository {
    private final PostRowRepository rows;

    JdbcPostRepository(PostRowRepository rows) {
        this.rows = rows;
    }

    /** Stores {@code created} cut to microseconds, the precision of {@code timestamptz}. */
    @Override
    public Post add(UserId authorId, Instant created, Title title, PostBody body, Language language) {
        Instant stored = created.truncatedTo(ChronoUnit.MICROS);
        return translated(() -> toPost(rows.save(
                new PostRow(null, authorId.value(), stored, title.value(), body.value(), language.code()))));
    }

    @Override
    public Optional<Post> findById(PostId id) {
        return translated(() -> rows.findById(id.value()).map(JdbcPostRepository::toPost));
    }

    @Override
    public Optional<PostListing> findListingById(PostId id) {
        return translated(() -> rows.findListingById(id.value()).map(JdbcPostRepository::toListing));
    }

    @Override
    public boolean update(PostId id, Title title, PostBody body, Language language) {
        return translated(() -> rows.update(id.value(), title.value(), body.value(), language.code()) > 0);
    }

    @Override
    public boolean delete(PostId id) {
        return translated(() -> rows.deleteById(id.value()) > 0);
    }

    @Override
    public PostPage findPage(PostPageRequest request) {
        int lookahead = request.size() + 1;
        List<PostListingRow> found = translated(() -> request.after().isPresent()
                ? after(request.after().get(), lookahead)
                : rows.findNewestFirst(lookahead));
        return PostPage.fromLookahead(found.stream().map(JdbcPostRepository::toListing).toList(), request.size());
    }

    private List<PostListingRow> after(PostCursor cursor, int limit) {
        return rows.findNewestFirstAfter(cursor.created(), cursor.id().value(), limit);
    }

    private static <T> T translated(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException failure) {
            throw DataAccessFailures.translate(failure);
        }
    }

    private static Post toPost(PostRow row) {
        return Post.restore(row.id(), row.authorId(), row.created(), row.title(), row.body(), row.language());
    }

    private static PostListing toListing(PostListingRow row) {
        return PostListing.restore(row.id(), row.authorId(), row.authorUsername(), row.created(), row.title(),
                row.body(), row.language());
    }
}
