package io.tierblog.domain.port.out;

import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import java.util.List;

/**
 * Full-text search over the posts, a read model of its own: words are matched by the stemmer and
 * stop words of the request's language, and only posts written in that language are found.
 */
public interface PostSearch {
    /**
     * Among the {@code request.candidateLimit()} most recently stored posts (the highest ids) in the
     * request's language that match its query: those whose title alone matches first, then by
     * relevance, then newest first (by created, then id), the page {@code request.page()} of them.
     * The total counts the candidates.
     */
    SearchResults search(SearchRequest request);

    /**
     * Words that posts in {@code language} use, written as they are (lower case, 3 to 40 letters or
     * digits), that are closest by trigram similarity to the query's words: at least as similar as
     * PostgreSQL's pg_trgm threshold (0.3), most similar first, then the most used, then
     * alphabetically; never one of the query's own words nor a stop word of the language; at most
     * {@code limit}.
     */
    List<String> suggestions(SearchQuery query, Language language, int limit);
}
