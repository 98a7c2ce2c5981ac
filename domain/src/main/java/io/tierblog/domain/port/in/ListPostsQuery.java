package io.tierblog.domain.port.in;

import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;

public interface ListPostsQuery {
    /** One page of the index, newest first, with authors' names. */
    PostPage list(PostPageRequest request);
}
