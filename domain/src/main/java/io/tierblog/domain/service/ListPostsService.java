package io.tierblog.domain.service;

import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.PostPage;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.PostSummary;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.port.out.PostRepository;
import java.util.Objects;
import java.util.function.Predicate;

public final class ListPostsService implements ListPostsQuery {
    private final PostRepository posts;

    public ListPostsService(PostRepository posts) {
        this.posts = Objects.requireNonNull(posts);
    }

    @Override
    public PostPage list(PostPageRequest request) {
        return posts.findPage(request);
    }

    @Override
    public IndexPage list(PostPageRequest request, Predicate<PostSummary> bodyHeld) {
        return posts.findIndexPage(request, Objects.requireNonNull(bodyHeld));
    }
}
