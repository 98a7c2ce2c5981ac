package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.NotPostAuthorException;
import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.Post;

public interface EditPostUseCase {
    /**
     * @throws PostNotFoundException when the post does not exist
     * @throws NotPostAuthorException when the editor did not write it
     */
    Post edit(EditPostCommand command);
}
