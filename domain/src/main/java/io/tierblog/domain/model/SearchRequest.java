package io.tierblog.domain.model;

import java.util.Objects;

/**
 * Which page of a search to read: the posts in {@code language} that match {@code query},
 * page {@code page} (from 1) of {@code size} results.
 *
 * <p>A search ranks only the {@code candidateLimit} most recently stored matching posts (default
 * {@value #DEFAULT_CANDIDATE_LIMIT}), so its cost does not grow with the number of posts that
 * match a common word; an older post that would have ranked higher is not among the results of
 * such a search. Pages therefore stop at the candidate limit.
 */
public record SearchRequest(SearchQuery query, Language language, int page, int size, int candidateLimit) {
    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 50;
    public static final int DEFAULT_CANDIDATE_LIMIT = 1000;

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(language, "language");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size is 1.." + MAX_SIZE + ", got " + size);
        }
        if (candidateLimit < 1) {
            throw new IllegalArgumentException("the candidate limit is positive, got " + candidateLimit);
        }
        if (page < 1 || page > lastPage(size, candidateLimit)) {
            throw new IllegalArgumentException("page is 1.." + lastPage(size, candidateLimit) + ", got " + page);
        }
    }

    /** Page {@code page} of {@value #DEFAULT_SIZE} results among the default number of candidates. */
    public static SearchRequest of(SearchQuery query, Language language, int page) {
        return new SearchRequest(query, language, page, DEFAULT_SIZE, DEFAULT_CANDIDATE_LIMIT);
    }

    /** The last page that can hold results: the candidate limit bounds them. */
    public static int lastPage(int size, int candidateLimit) {
        return (candidateLimit + size - 1) / size;
    }

    /** How many results come before this page. */
    public int offset() {
        return (page - 1) * size;
    }
}
