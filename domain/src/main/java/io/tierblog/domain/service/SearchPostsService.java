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

    @Override
    public SearchResults search(SearchRequest request) {
        return search.search(request);
    }
}
