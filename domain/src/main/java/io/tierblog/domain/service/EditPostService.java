package io.tierblog.domain.service;

import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.port.in.EditPostCommand;
import io.tierblog.domain.port.in.EditPostUseCase;
import io.tierblog.domain.port.out.PostRepository;
import java.util.Objects;

public final class EditPostService implements EditPostUseCase {
    private final PostRepository posts;

    public EditPostService(PostRepository posts) {
        this.posts = Objects.requireNonNull(posts);
    }

    @Override
    public Post edit(EditPostCommand command) {
        Post post = PostAuthorship.requireOwnPost(posts, command.postId(), command.editorId());
        if (!posts.update(command.postId(), command.title(), command.body(), command.language())) {
            throw new PostNotFoundException(command.postId());
        }
        return new Post(post.id(), post.authorId(), post.created(), command.title(), command.body(), command.language());
    }
}
