package io.tierblog.domain.service;

import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.port.in.DeletePostCommand;
import io.tierblog.domain.port.in.DeletePostUseCase;
import io.tierblog.domain.port.out.PostRepository;
import java.util.Objects;

public final class DeletePostService implements DeletePostUseCase {
    private final PostRepository posts;

    public DeletePostService(PostRepository posts) {
        this.posts = Objects.requireNonNull(posts);
    }

    @Override
    public void delete(DeletePostCommand command) {
        PostAuthorship.requireOwnPost(posts, command.postId(), command.requesterId());
        if (!posts.delete(command.postId())) {
            throw new PostNotFoundException(command.postId());
        }
    }
}
