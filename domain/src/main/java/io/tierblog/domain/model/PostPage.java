package io.tierblog.domain.model;

import java.util.List;
import java.util.Optional;

/** One page of the index, newest first, and where the next page starts if there is one. */
public record PostPage(List<PostListing> posts, Optional<PostCursor> next) {
    public PostPage {
        posts = List.copyOf(posts);
        next = next == null ? Optional.empty() : next;
    }

    /**
     * Builds a page from up to {@code size + 1} rows read in index order: the extra row only
     * tells that a next page exists.
     */
    public static PostPage fromLookahead(List<PostListing> rows, int size) {
        if (rows.size() > size) {
            List<PostListing> shown = rows.subList(0, size);
            return new PostPage(shown, Optional.of(shown.get(size - 1).cursor()));
        }
        return new PostPage(rows, Optional.empty());
    }
}
