package io.tierblog.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A post on a page of the index: its summary, and its body unless the reader said it already
 * holds the body of that revision (see {@link IndexPage}).
 */
public record IndexedPost(PostSummary summary, Optional<PostBody> body) {
    public IndexedPost {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(body, "body");
    }

    public static IndexedPost withBody(PostListing listing) {
        return new IndexedPost(listing.summary(), Optional.of(listing.body()));
    }

    public static IndexedPost withoutBody(PostSummary summary) {
        return new IndexedPost(summary, Optional.empty());
    }
}
