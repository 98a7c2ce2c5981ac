package io.tierblog.domain.service;

import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.in.GetPostForEditQuery;
import io.tierblog.domain.port.out.PostRepository;
import java.util.Objects;

public final class GetPostForEditService implements GetPostForEditQuery {
    private final PostRepository posts;

    public GetPostForEditService(PostRepository posts) {
        this.posts = Objects.requireNonNull(posts);
    }

    @Override
    public Post getForEdit(PostId postId, UserId editorId) {
        return PostAuthorship.requireOwnPost(posts, postId, editorId);
    }
}
