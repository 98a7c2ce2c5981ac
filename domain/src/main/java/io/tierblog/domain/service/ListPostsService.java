package io.tierblog.domain.service;

import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.port.out.PostRepository;
import java.util.Objects;

public final class ListPostsService implements ListPostsQuery {
    private final PostRepository posts;

    public ListPostsService(PostRepository posts) {
        this.posts = Objects.requireNonNull(posts);
    }

    @Override
    public PostPage list(PostPageRequest request) {
        return posts.findPage(request);
    }
}
