package io.tierblog.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * One page of the index, newest first, read for a reader that keeps posts' bodies: a post comes
 * with its body only where the reader did not already hold that revision's. Where the next page
 * starts, if there is one.
 */
public record IndexPage(List<IndexedPost> posts, Optional<PostCursor> next) {
    public IndexPage {
        posts = List.copyOf(posts);
        next = next == null ? Optional.empty() : next;
    }
}
