package io.tierblog.domain.port.in;

import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import java.util.Objects;

public record PublishPostCommand(UserId authorId, Title title, PostBody body) {
    public PublishPostCommand {
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** Validates title first, then body, as the form reads. */
    public static PublishPostCommand of(UserId authorId, String title, String body) {
        Title validTitle = new Title(title);
        return new PublishPostCommand(authorId, validTitle, new PostBody(body));
    }
}
