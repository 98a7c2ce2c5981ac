package io.tierblog.domain.service;

import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostListing;
import io.tierblog.domain.port.in.GetPostQuery;
import io.tierblog.domain.port.out.PostRepository;
import java.util.Objects;

public final class GetPostService implements GetPostQuery {
    private final PostRepository posts;

    public GetPostService(PostRepository posts) {
        this.posts = Objects.requireNonNull(posts);
    }

    @Override
    public PostListing get(PostId postId) {
        return posts.findListingById(postId).orElseThrow(() -> new PostNotFoundException(postId));
    }
}
