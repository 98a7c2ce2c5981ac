package io.tierblog.web.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.port.in.SearchPostsQuery;
import io.tierblog.web.Pages;
import io.tierblog.web.SearchBox;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /search?q=…&language=en|da&page=n}: the search page. A blank query shows the page
 * with a hint; input the domain refuses (too long, control characters, an unknown language, a bad
 * page) shows it with the message and a 400. Whatever was typed stays in the search box.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SearchController {
    static final String HINT = "Type words to find posts: \"a phrase\" in quotes, -word to leave a word out, "
            + "OR between alternatives.";

    private final SearchPostsQuery searchPosts;
    private final Pages pages;

    SearchController(SearchPostsQuery searchPosts, Pages pages) {
        this.searchPosts = searchPosts;
        this.pages = pages;
    }

    @Get("/search")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> search(HttpRequest<?> request, @Nullable @QueryValue String q,
                                @Nullable @QueryValue String language, @Nullable @QueryValue String page) {
        Map<String, Object> model = Pages.model("Search");
        model.put(SearchBox.MODEL_KEY, SearchBox.holding(shown(q), language == null ? "" : language));
        model.put("results", List.of());
        Optional<SearchRequest> searchRequest;
        try {
            searchRequest = SearchInput.parse(q, language, page);
        } catch (InvalidInputException refused) {
            model.put("error", refused.getMessage());
            return pages.render(request, HttpStatus.BAD_REQUEST, "search/results", model);
        }
        if (searchRequest.isEmpty()) {
            model.put("hint", HINT);
            return pages.ok(request, "search/results", model);
        }
        SearchRequest wanted = searchRequest.get();
        SearchResults results = searchPosts.search(wanted);
        model.put("pageTitle", "Search: " + wanted.query().value());
        model.put("results", results.hits().stream().map(SearchResultView::of).toList());
        model.put("count", count(results));
        model.put("previousPath", results.hasPreviousPage() ? path(wanted, results.page() - 1) : null);
        model.put("nextPath", results.hasNextPage() ? path(wanted, results.page() + 1) : null);
        model.put("suggestions", results.suggestions().stream()
                .map(word -> new Suggestion(word, suggestionPath(word, wanted))).toList());
        return pages.ok(request, "search/results", model);
    }

    /** "No posts found.", "1 post found.", "12 posts found.", or for a capped search, the newest ones. */
    static String count(SearchResults results) {
        if (results.capped()) {
            return "More than " + results.total() + " posts found; the newest " + results.total() + " are ranked.";
        }
        return switch (results.total()) {
            case 0 -> "No posts found.";
            case 1 -> "1 post found.";
            default -> results.total() + " posts found.";
        };
    }

    static String path(SearchRequest request, int page) {
        return "/search?q=" + URLEncoder.encode(request.query().value(), StandardCharsets.UTF_8)
                + "&language=" + request.language().code() + "&page=" + page;
    }

    static String suggestionPath(String word, SearchRequest request) {
        return "/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8) + "&language="
                + request.language().code();
    }

    /** A word to search for instead, and the search it links to. Public, like every view model. */
    public static final class Suggestion {
        private final String word;
        private final String path;

        Suggestion(String word, String path) {
            this.word = word;
            this.path = path;
        }

        public String getWord() {
            return word;
        }

        public String getPath() {
            return path;
        }
    }

    /** What the box shows again: what was typed, unless it is too long to be worth echoing. */
    private static String shown(@Nullable String q) {
        return q == null || q.length() > 1000 ? "" : q;
    }
}
