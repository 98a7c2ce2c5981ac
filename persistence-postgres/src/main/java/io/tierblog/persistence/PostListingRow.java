package io.tierblog.persistence;

import java.time.Instant;

/** One row of the index query: a post with its author's name and revision. */
record PostListingRow(long id, long authorId, String authorUsername, Instant created, String title, String body,
                      String language, long revision) {
}
