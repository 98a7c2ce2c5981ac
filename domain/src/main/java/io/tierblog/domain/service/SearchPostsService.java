package io.tierblog.domain.service;

import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.port.in.SearchPostsQuery;
import io.tierblog.domain.port.out.PostSearch;
import java.util.Objects;

public final class SearchPostsService implements SearchPostsQuery {
    private final PostSearch search;

    public SearchPostsService(PostSearch search) {
        this.search = Objects.requireNonNull(search);
    }

    /** How many words a search that found nothing suggests. */
    public static final int SUGGESTIONS = 3;

    /** The page of results; a first page with no results carries suggestions instead. */
    @Override
    public SearchResults search(SearchRequest request) {
        SearchResults results = search.search(request);
        if (results.total() > 0 || request.page() > 1) {
            return results;
        }
        return results.withSuggestions(search.suggestions(request.query(), request.language(), SUGGESTIONS));
    }
}
