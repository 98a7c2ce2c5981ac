package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;

public interface GetPostQuery {
    /**
     * The post with its author's name, for anybody to read.
     *
     * @throws PostNotFoundException when the post does not exist
     */
    PostListing get(PostId postId);
}
