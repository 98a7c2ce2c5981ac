package io.tierblog.domain.port.out;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Where posts are kept. */
public interface PostRepository {

    /** Stores a new post by an existing author and gives it an id. */
    Post add(UserId authorId, Instant created, Title title, PostBody body, Language language);

    Optional<Post> findById(PostId id);

    /** The post with its author's name, as its own page shows it, in one read. */
    Optional<PostListing> findListingById(PostId id);

    /** Replaces title, body and language; returns false when no such post exists. */
    boolean update(PostId id, Title title, PostBody body, Language language);

    /** Removes the post; returns false when no such post exists. */
    boolean delete(PostId id);

    /**
     * One page of posts with their authors' names, newest first by (created, id): the posts
     * strictly after the request's cursor, at most {@code request.size()} of them.
     */
    PostPage findPage(PostPageRequest request);

    /**
     * The posts {@link #findPage} gives, for a reader that keeps bodies: {@code bodyHeld} is asked
     * once for each post shown, with its summary as stored (its revision included), and a post it
     * answers true for comes without its body. The bodies needed are read after the summaries: a
     * post changed in between comes as it is then (a newer revision, with its body, unasked); one
     * deleted in between is left out. The next page starts where {@link #findPage}'s would.
     */
    IndexPage findIndexPage(PostPageRequest request, Predicate<PostSummary> bodyHeld);
}
