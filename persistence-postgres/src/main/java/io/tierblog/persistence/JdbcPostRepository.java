package io.tierblog.persistence;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.IndexedPost;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostCursor;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.out.PostRepository;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link PostRepository} on the {@code posts} table; the index joins {@code users} for authors' names.
 *
 * <p>{@link #findIndexPage} is one statement when the reader holds every body on the page (the
 * summaries: no body crosses the wire) and two otherwise (then the posts whose bodies are needed,
 * by id), both on one connection.
 */
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

    @Override
    public IndexPage findIndexPage(PostPageRequest request, Predicate<PostSummary> bodyHeld) {
        int size = request.size();
        Optional<PostCursor> after = request.after();
        List<PostSummary> shown = new ArrayList<>(size);
        Set<Long> wanted = new HashSet<>();
        PostRowRepository.SummariesAndListings read = translated(() -> rows.findSummariesThenListings(
                after.map(PostCursor::created), after.map(c -> c.id().value()).orElse(0L), size + 1, summaries -> {
                    for (PostSummaryRow row : summaries.subList(0, Math.min(size, summaries.size()))) {
                        PostSummary summary = toSummary(row);
                        shown.add(summary);
                        if (!bodyHeld.test(summary)) {
                            wanted.add(row.id());
                        }
                    }
                    return List.copyOf(wanted);
                }));
        Map<Long, PostListingRow> withBodies = new HashMap<>();
        read.listings().forEach(row -> withBodies.put(row.id(), row));
        List<IndexedPost> posts = new ArrayList<>(shown.size());
        for (PostSummary summary : shown) {
            long id = summary.id().value();
            if (!wanted.contains(id)) {
                posts.add(IndexedPost.withoutBody(summary));
            } else if (withBodies.containsKey(id)) {
                // As read by the second statement: a post edited in between comes at its newer revision.
                posts.add(IndexedPost.withBody(toListing(withBodies.get(id))));
            }
            // Otherwise it was deleted after its summary was read, and is left out.
        }
        Optional<PostCursor> next = read.summaries().size() > size
                ? Optional.of(shown.get(size - 1).cursor()) : Optional.empty();
        return new IndexPage(posts, next);
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
                row.body(), row.language(), row.revision());
    }

    private static PostSummary toSummary(PostSummaryRow row) {
        return PostSummary.restore(row.id(), row.revision(), row.authorId(), row.authorUsername(), row.created(),
                row.title(), row.language());
    }
}
