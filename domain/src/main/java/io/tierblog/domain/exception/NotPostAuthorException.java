package io.tierblog.domain.exception;

import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.UserId;

/** Somebody other than its author tried to change a post. */
public final class NotPostAuthorException extends DomainException {
    private final PostId postId;
    private final UserId userId;

    public NotPostAuthorException(PostId postId, UserId userId) {
        super("User " + userId.value() + " is not the author of post " + postId.value() + ".");
        this.postId = postId;
        this.userId = userId;
    }

    public PostId postId() {
        return postId;
    }

    public UserId userId() {
        return userId;
    }
}
