package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;

/** A post as the index shows it: the post with its author's name. */
public record PostListing(PostId id, UserId authorId, Username authorUsername, Instant created, Title title,
                          PostBody body) {
    public PostListing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(authorUsername, "authorUsername");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    public static PostListing restore(long id, long authorId, String authorUsername, Instant created, String title,
                                      String body) {
        return new PostListing(new PostId(id), new UserId(authorId), new Username(authorUsername), created,
                new Title(title), new PostBody(body));
    }

    /** Where the page after this one starts when this is the last post shown. */
    public PostCursor cursor() {
        return new PostCursor(created, id);
    }
}
