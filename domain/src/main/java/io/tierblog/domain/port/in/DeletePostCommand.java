package io.tierblog.domain.port.in;

import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.UserId;
import java.util.Objects;

public record DeletePostCommand(PostId postId, UserId requesterId) {
    public DeletePostCommand {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(requesterId, "requesterId");
    }
}
