package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.NotPostAuthorException;
import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.UserId;

public interface GetPostForEditQuery {
    /**
     * The post, if it exists and {@code editorId} wrote it.
     *
     * @throws PostNotFoundException when the post does not exist
     * @throws NotPostAuthorException when the editor did not write it
     */
    Post getForEdit(PostId postId, UserId editorId);
}
