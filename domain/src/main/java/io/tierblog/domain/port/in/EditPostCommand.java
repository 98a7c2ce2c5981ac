package io.tierblog.domain.port.in;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import java.util.Objects;

public record EditPostCommand(PostId postId, UserId editorId, Title title, PostBody body, Language language) {
    public EditPostCommand {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(editorId, "editorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(language, "language");
    }

    /** Validates title first, then body, then the language's code (blank: the default), as the form reads. */
    public static EditPostCommand of(PostId postId, UserId editorId, String title, String body, String language) {
        Title validTitle = new Title(title);
        PostBody validBody = new PostBody(body);
        return new EditPostCommand(postId, editorId, validTitle, validBody, Language.parse("language", language));
    }
}
