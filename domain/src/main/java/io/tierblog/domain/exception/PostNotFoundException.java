package io.tierblog.domain.exception;

import io.tierblog.domain.model.PostId;

/** No post has that id. */
public final class PostNotFoundException extends DomainException {
    private final PostId postId;

    public PostNotFoundException(PostId postId) {
        super("Post id " + postId.value() + " doesn't exist.");
        this.postId = postId;
    }

    public PostId postId() {
        return postId;
    }
}
