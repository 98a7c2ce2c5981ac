package io.tierblog.web;

import io.tierblog.domain.model.PostSummary;
import java.util.Objects;

/**
 * A post's article on the index as HTML, rendered once for everybody: {@link #opening()} runs
 * from {@code <article>} to where the author's own actions go (the Edit link, which is never in
 * here), {@link #closing()} from there to {@code </article>}. {@link #summary()} is what it was
 * rendered from, so a copy is used only for the same revision of the post by the same author's name.
 */
record RenderedPost(PostSummary summary, RenderedHtml opening, RenderedHtml closing) {
    /** What an entry costs beyond its text: the record, the strings' headers, the map's entry. */
    static final int OVERHEAD_BYTES = 160;

    RenderedPost {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(opening, "opening");
        Objects.requireNonNull(closing, "closing");
    }

    /**
     * The heap it takes, counted high: two bytes a character (a string of Latin-1 text takes one),
     * the title and name in the summary included.
     */
    long bytes() {
        return OVERHEAD_BYTES + 2L * (opening.length() + closing.length()
                + summary.title().value().length() + summary.authorUsername().value().length());
    }
}
