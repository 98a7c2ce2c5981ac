package io.tierblog.domain.port.in;

import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import java.util.Objects;

public record EditPostCommand(PostId postId, UserId editorId, Title title, PostBody body) {
    public EditPostCommand {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(editorId, "editorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    public static EditPostCommand of(PostId postId, UserId editorId, String title, String body) {
        Title validTitle = new Title(title);
        return new EditPostCommand(postId, editorId, validTitle, new PostBody(body));
    }
}
