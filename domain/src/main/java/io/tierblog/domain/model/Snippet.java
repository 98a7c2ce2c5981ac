package io.tierblog.domain.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A passage of a post's body with the words that matched a search marked: plain text in
 * segments, never markup, so whoever shows it decides how to mark and escape.
 */
public record Snippet(List<Segment> segments) {
    public Snippet {
        segments = List.copyOf(segments);
    }

    /** A run of text, matched or not. */
    public record Segment(String text, boolean marked) {
        public Segment {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The snippet's text without marks. */
    public String text() {
        return segments.stream().map(Segment::text).collect(Collectors.joining());
    }

    /** The marked words, in order. */
    public List<String> marked() {
        return segments.stream().filter(Segment::marked).map(Segment::text).toList();
    }
}
