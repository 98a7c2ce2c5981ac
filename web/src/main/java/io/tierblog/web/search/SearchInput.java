package io.tierblog.web.search;

import io.micronaut.core.annotation.Nullable;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.SearchRequest;
import java.util.Optional;

/**
 * The query string of a search, as the page and the API both read it: {@code q}, {@code language}
 * (blank: English) and {@code page} (blank: 1). Refusals carry a message fit to show.
 */
final class SearchInput {
    static final String BAD_PAGE = "That page of results does not exist.";

    private SearchInput() {
    }

    /**
     * The request these parameters ask for; empty when there is no query to run (a blank box).
     *
     * @throws InvalidInputException for an unknown language, a bad page or a query the domain refuses
     */
    static Optional<SearchRequest> parse(@Nullable String q, @Nullable String language, @Nullable String page) {
        Language chosen = Language.parse("language", language);
        int number = page(page);
        if (q == null || q.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(SearchRequest.of(new SearchQuery(q), chosen, number));
    }

    /**
     * Like {@link #parse}, for a client that must send a query: a blank one is refused as the
     * domain refuses it.
     */
    static SearchRequest require(@Nullable String q, @Nullable String language, @Nullable String page) {
        Language chosen = Language.parse("language", language);
        int number = page(page);
        return SearchRequest.of(new SearchQuery(q == null ? "" : q), chosen, number);
    }

    private static int page(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return 1;
        }
        int last = SearchRequest.lastPage(SearchRequest.DEFAULT_SIZE, SearchRequest.DEFAULT_CANDIDATE_LIMIT);
        if (text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException("page", BAD_PAGE);
        }
        int number = Integer.parseInt(text);
        if (number < 1 || number > last) {
            throw new InvalidInputException("page", BAD_PAGE);
        }
        return number;
    }
}
