package io.tierblog.domain.port.in;

import io.tierblog.domain.exception.NotPostAuthorException;
import io.tierblog.domain.exception.PostNotFoundException;

public interface DeletePostUseCase {
    /**
     * @throws PostNotFoundException when the post does not exist
     * @throws NotPostAuthorException when the requester did not write it
     */
    void delete(DeletePostCommand command);
}
