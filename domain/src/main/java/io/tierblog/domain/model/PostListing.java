package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A post as the index and its own page show it: the post with its author's name, and the revision
 * it was read at, which every change to the post replaces with one no version of it had before.
 */
public record PostListing(PostId id, UserId authorId, Username authorUsername, Instant created, Title title,
                          PostBody body, Language language, long revision) {
    public PostListing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(authorUsername, "authorUsername");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(language, "language");
    }

    /** @throws IllegalArgumentException when the stored language code is not one of {@link Language}'s */
    public static PostListing restore(long id, long authorId, String authorUsername, Instant created, String title,
                                      String body, String language, long revision) {
        return new PostListing(new PostId(id), new UserId(authorId), new Username(authorUsername), created,
                new Title(title), new PostBody(body), Language.fromCode(language).orElseThrow(
                        () -> new IllegalArgumentException("unknown stored language " + language)), revision);
    }

    /** Everything but the body. */
    public PostSummary summary() {
        return new PostSummary(id, revision, authorId, authorUsername, created, title, language);
    }

    /** Where the page after this one starts when this is the last post shown. */
    public PostCursor cursor() {
        return new PostCursor(created, id);
    }
}
