package io.tierblog.domain.model;

import java.time.Instant;
import java.util.Objects;

/** A post a search found: what a result shows, and its snippet. */
public record SearchHit(PostId id, UserId authorId, Username authorUsername, Instant created, Title title,
                        Language language, Snippet snippet) {
    public SearchHit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(authorUsername, "authorUsername");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(snippet, "snippet");
    }
}
