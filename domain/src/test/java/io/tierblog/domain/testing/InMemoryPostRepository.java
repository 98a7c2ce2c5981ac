package io.tierblog.domain.testing;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.IndexedPost;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.User;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.out.PostRepository;
import io.tierblog.domain.port.out.UserRepository;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link PostRepository} in memory; reads authors' names from the user repository it is given.
 * Every write gives the post a revision from one counter that {@link #clear()} does not reset, as
 * PostgreSQL's sequence is not reset by emptying the table: no two versions of a post with the
 * same id ever share a revision, whatever a cache of rendered posts kept from before.
 */
public class InMemoryPostRepository implements PostRepository {
    private static final Comparator<Post> NEWEST_FIRST = Comparator.comparing(Post::created)
            .thenComparingLong(p -> p.id().value()).reversed();

    private final UserRepository users;
    private final Map<Long, Post> byId = new LinkedHashMap<>();
    private final Map<Long, Long> revisions = new LinkedHashMap<>();
    private long nextId = 1;
    private long nextRevision = 1;

    public InMemoryPostRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized Post add(UserId authorId, Instant created, Title title, PostBody body, Language language) {
        if (users.findById(authorId).isEmpty()) {
            throw new IllegalArgumentException("no user " + authorId.value());
        }
        Post post = new Post(new PostId(nextId++), authorId, created, title, body, language);
        byId.put(post.id().value(), post);
        revisions.put(post.id().value(), nextRevision++);
        return post;
    }

    @Override
    public synchronized Optional<Post> findById(PostId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    @Override
    public synchronized Optional<PostListing> findListingById(PostId id) {
        return Optional.ofNullable(byId.get(id.value())).map(this::listing);
    }

    @Override
    public synchronized boolean update(PostId id, Title title, PostBody body, Language language) {
        Post post = byId.get(id.value());
        if (post == null) {
            return false;
        }
        byId.put(id.value(), new Post(post.id(), post.authorId(), post.created(), title, body, language));
        revisions.put(id.value(), nextRevision++);
        return true;
    }

    @Override
    public synchronized boolean delete(PostId id) {
        revisions.remove(id.value());
        return byId.remove(id.value()) != null;
    }

    @Override
    public synchronized PostPage findPage(PostPageRequest request) {
        List<PostListing> rows = byId.values().stream()
                .filter(p -> request.after().map(c -> c.isBefore(p.created(), p.id())).orElse(true))
                .sorted(NEWEST_FIRST)
                .limit(request.size() + 1L)
                .map(this::listing)
                .toList();
        return PostPage.fromLookahead(rows, request.size());
    }

    @Override
    public synchronized IndexPage findIndexPage(PostPageRequest request, Predicate<PostSummary> bodyHeld) {
        PostPage page = findPage(request);
        List<IndexedPost> posts = page.posts().stream()
                .map(listing -> bodyHeld.test(listing.summary())
                        ? IndexedPost.withoutBody(listing.summary())
                        : IndexedPost.withBody(listing))
                .toList();
        return new IndexPage(posts, page.next());
    }

    /** Changes a post's author, as a test of authorship needs. */
    public synchronized void reassign(PostId id, UserId newAuthor) {
        Post post = byId.get(id.value());
        byId.put(id.value(), new Post(post.id(), newAuthor, post.created(), post.title(), post.body(),
                post.language()));
        revisions.put(id.value(), nextRevision++);
    }

    /** Every post, in the order they were added. */
    public synchronized List<Post> all() {
        return List.copyOf(byId.values());
    }

    public synchronized int count() {
        return byId.size();
    }

    public synchronized void clear() {
        byId.clear();
        revisions.clear();
        nextId = 1;
    }

    private PostListing listing(Post post) {
        User author = users.findById(post.authorId()).orElseThrow();
        return new PostListing(post.id(), post.authorId(), author.username(), post.created(), post.title(),
                post.body(), post.language(), revisions.get(post.id().value()));
    }
}
