package io.tierblog.domain.port.out;

import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;

/**
 * Full-text search over the posts, a read model of its own: words are matched by the stemmer and
 * stop words of the request's language, and only posts written in that language are found.
 */
public interface PostSearch {
    /**
     * Among the newest {@code request.candidateLimit()} posts in the request's language that match
     * its query: those whose title alone matches first, then by relevance, then newest first (by
     * created, then id), the page {@code request.page()} of them. The total counts the candidates.
     */
    SearchResults search(SearchRequest request);
}
