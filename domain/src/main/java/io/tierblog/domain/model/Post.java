package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;

/** A published post. {@link #restore} rebuilds one from storage. */
public record Post(PostId id, UserId authorId, Instant created, Title title, PostBody body, Language language) {
    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(language, "language");
    }

    /** @throws IllegalArgumentException when the stored language code is not one of {@link Language}'s */
    public static Post restore(long id, long authorId, Instant created, String title, String body, String language) {
        return new Post(new PostId(id), new UserId(authorId), created, new Title(title), new PostBody(body),
                Language.fromCode(language).orElseThrow(
                        () -> new IllegalArgumentException("unknown stored language " + language)));
    }

    public boolean isWrittenBy(UserId userId) {
        return authorId.equals(userId);
    }
}
