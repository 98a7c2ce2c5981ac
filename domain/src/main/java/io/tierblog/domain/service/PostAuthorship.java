package io.tierblog.domain.service;

import io.tierblog.domain.exception.NotPostAuthorException;
import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.out.PostRepository;

/** The guard every change to a post passes: first it must exist, then be the user's own. */
final class PostAuthorship {
    private PostAuthorship() {
    }

    static Post requireOwnPost(PostRepository posts, PostId postId, UserId userId) {
        Post post = posts.findById(postId).orElseThrow(() -> new PostNotFoundException(postId));
        if (!post.isWrittenBy(userId)) {
            throw new NotPostAuthorException(postId, userId);
        }
        return post;
    }
}
