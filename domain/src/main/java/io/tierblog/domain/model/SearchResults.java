package io.tierblog.domain.model;

import java.util.List;

/**
 * One page of a search's results, best first, and how many posts matched among the candidates:
 * {@code total} is exact unless {@code capped}, when more posts matched than were ranked. When
 * nothing matched, {@code suggestions} may hold words the posts use that are close to the query's.
 */
public record SearchResults(List<SearchHit> hits, int total, boolean capped, int page, int size,
                            List<String> suggestions) {
    public SearchResults {
        hits = List.copyOf(hits);
        suggestions = List.copyOf(suggestions);
        if (total < 0) {
            throw new IllegalArgumentException("total is not negative, got " + total);
        }
    }

    /** Results without suggestions. */
    public SearchResults(List<SearchHit> hits, int total, boolean capped, int page, int size) {
        this(hits, total, capped, page, size, List.of());
    }

    public SearchResults withSuggestions(List<String> words) {
        return new SearchResults(hits, total, capped, page, size, words);
    }

    public boolean hasNextPage() {
        return (long) page * size < total;
    }

    public boolean hasPreviousPage() {
        return page > 1;
    }
}
