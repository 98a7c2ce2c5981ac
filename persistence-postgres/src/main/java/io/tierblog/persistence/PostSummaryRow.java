package io.tierblog.persistence;

import java.time.Instant;

/** One row of the index query without bodies: a post's summary with its author's name. */
record PostSummaryRow(long id, long revision, long authorId, String authorUsername, Instant created, String title,
                      String language) {
}
