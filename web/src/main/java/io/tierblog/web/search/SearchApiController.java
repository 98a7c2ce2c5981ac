package io.tierblog.web.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.model.SearchHit;
import io.tierblog.domain.model.SearchRequest;
import io.tierblog.domain.model.SearchResults;
import io.tierblog.domain.model.Snippet;
import io.tierblog.domain.port.in.SearchPostsQuery;
import io.tierblog.web.HtmlEscaping;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/search?q=…&language=…&page=n}: the search as JSON, with the page's limits.
 * {@code {"search_results": [{"id", "title", "language", "author", "created", "snippet", "url"}],
 * "query", "language", "page", "total", "capped", "suggestions"}}: close words the posts use when
 * nothing matched; {@code snippet} is HTML in which everything
 * is escaped but the {@code <mark>} elements around matched words; {@code created} is ISO 8601 in
 * UTC; {@code url} is the post's page. Bad input is a 400 and an outage a 503, each
 * {@code {"error": "…"}}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class SearchApiController {
    static final String UNAVAILABLE = "The database is unavailable right now. Please try again in a moment.";
    private static final String RETRY_AFTER_SECONDS = "10";

    private final SearchPostsQuery searchPosts;

    SearchApiController(SearchPostsQuery searchPosts) {
        this.searchPosts = searchPosts;
    }

    @Get("/api/search")
    @Produces(MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<Map<String, Object>> search(@Nullable @QueryValue String q, @Nullable @QueryValue String language,
                                             @Nullable @QueryValue String page) {
        SearchRequest request;
        try {
            request = SearchInput.require(q, language, page);
        } catch (InvalidInputException refused) {
            return error(HttpStatus.BAD_REQUEST, refused.getMessage());
        }
        SearchResults results;
        try {
            results = searchPosts.search(request);
        } catch (DataTierUnavailableException outage) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                    RETRY_AFTER_SECONDS);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("search_results", results.hits().stream().map(SearchApiController::result).toList());
        body.put("query", request.query().value());
        body.put("language", request.language().code());
        body.put("page", results.page());
        body.put("total", results.total());
        body.put("capped", results.capped());
        body.put("suggestions", results.suggestions());
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private static Map<String, Object> result(SearchHit hit) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", hit.id().value());
        result.put("title", hit.title().value());
        result.put("language", hit.language().code());
        result.put("author", hit.authorUsername().value());
        result.put("created", DateTimeFormatter.ISO_INSTANT.format(hit.created()));
        result.put("snippet", html(hit.snippet()));
        result.put("url", SearchResultView.postPath(hit));
        return result;
    }

    /** The snippet as HTML: every segment escaped, the marked ones inside {@code <mark>}. */
    static String html(Snippet snippet) {
        StringBuilder html = new StringBuilder();
        for (Snippet.Segment segment : snippet.segments()) {
            String text = HtmlEscaping.escape(segment.text());
            html.append(segment.marked() ? "<mark>" + text + "</mark>" : text);
        }
        return html.toString();
    }

    private static io.micronaut.http.MutableHttpResponse<Map<String, Object>> error(HttpStatus status,
                                                                                     String message) {
        return HttpResponse.<Map<String, Object>>status(status).body(Map.<String, Object>of("error", message))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
