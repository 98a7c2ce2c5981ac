package io.tierblog.domain.port.in;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import java.util.Objects;

public record PublishPostCommand(UserId authorId, Title title, PostBody body, Language language) {
    public PublishPostCommand {
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(language, "language");
    }

    /** Validates title first, then body, then the language's code (blank: the default), as the form reads. */
    public static PublishPostCommand of(UserId authorId, String title, String body, String language) {
        Title validTitle = new Title(title);
        PostBody validBody = new PostBody(body);
        return new PublishPostCommand(authorId, validTitle, validBody, Language.parse("language", language));
    }
}
