package io.tierblog.domain.port.in;

import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;

public interface SearchPostsQuery {
    /**
     * A page of the posts in the request's language that match its query, ranked: posts whose
     * title matches before those where only the body does, then by relevance, then newer first.
     * When nothing matches, the results suggest up to three close words the posts use.
     */
    SearchResults search(SearchRequest request);
}
