package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A post on the index without its body: what a reader who already holds the body of this
 * revision needs besides it. Two summaries are equal when they describe the same version of a
 * post with the same author's name.
 */
public record PostSummary(PostId id, long revision, UserId authorId, Username authorUsername, Instant created,
                          Title title, Language language) {
    public PostSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(authorUsername, "authorUsername");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
    }

    /** @throws IllegalArgumentException when the stored language code is not one of {@link Language}'s */
    public static PostSummary restore(long id, long revision, long authorId, String authorUsername, Instant created,
                                      String title, String language) {
        return new PostSummary(new PostId(id), revision, new UserId(authorId), new Username(authorUsername), created,
                new Title(title), Language.fromCode(language).orElseThrow(
                        () -> new IllegalArgumentException("unknown stored language " + language)));
    }

    /** Where the page after this one starts when this is the last post shown. */
    public PostCursor cursor() {
        return new PostCursor(created, id);
    }
}
