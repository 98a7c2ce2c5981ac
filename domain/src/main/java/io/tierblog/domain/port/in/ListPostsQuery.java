package io.tierblog.domain.port.in;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import java.util.function.Predicate;

public interface ListPostsQuery {
    /** One page of the index, newest first, with authors' names. */
    PostPage list(PostPageRequest request);

    /**
     * The same page for a reader that keeps posts' bodies: a post comes without its body when
     * {@code bodyHeld} says, for its summary as stored now, that the reader holds that revision's.
     */
    IndexPage list(PostPageRequest request, Predicate<PostSummary> bodyHeld);
}
