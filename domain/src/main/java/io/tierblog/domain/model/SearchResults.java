package io.tierblog.domain.model;

import java.util.List;

/**
 * One page of a search's results, best first, and how many posts matched among the candidates:
 * {@code total} is exact unless {@code capped}, when more posts matched than were ranked.
 */
public record SearchResults(List<SearchHit> hits, int total, boolean capped, int page, int size) {
    public SearchResults {
        hits = List.copyOf(hits);
        if (total < 0) {
            throw new IllegalArgumentException("total is not negative, got " + total);
        }
    }

    public boolean hasNextPage() {
        return (long) page * size < total;
    }

    public boolean hasPreviousPage() {
        return page > 1;
    }
}
