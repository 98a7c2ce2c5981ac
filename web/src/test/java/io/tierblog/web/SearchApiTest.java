package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/search}: the search as JSON. */
@MicronautTest
class SearchApiTest {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Seed seed;

    @Inject
    JsonMapper json;

    Browser browser;
    User other;

    @BeforeEach
    void setUp() {
        seed.reset();
        browser = new Browser(client);
        other = seed.users.findByUsername(TestData.username("other")).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(Browser.Response response) throws IOException {
        assertThat(response.headers().get("Content-Type")).startsWith("application/json");
        return json.readValue(response.body(), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void resultsCarryTheirFieldsAndAnEscapedSnippetWithMarks() throws IOException {
        Post post = seed.posts.add(other.id(), Instant.parse("2024-02-03T04:05:06Z"), TestData.title("Replica <b>"),
                TestData.body("A replica & <i>more</i>"), Language.ENGLISH);

        Browser.Response response = browser.get("/api/search?q=replica&language=en");

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> body = body(response);
        assertThat(body).containsEntry("query", "replica").containsEntry("language", "en")
                .containsEntry("total", 1).containsEntry("page", 1).containsEntry("capped", false)
                .containsEntry("suggestions", List.of());
        List<Map<String, Object>> results = (List<Map<String, Object>>) body.get("search_results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0)).containsOnlyKeys("id", "title", "language", "author", "created", "snippet", "url")
                .containsEntry("id", (int) post.id().value())
                .containsEntry("title", "Replica <b>")
                .containsEntry("language", "en")
                .containsEntry("author", "other")
                .containsEntry("created", "2024-02-03T04:05:06Z")
                .containsEntry("snippet", "A <mark>replica</mark> &amp; &lt;i&gt;more&lt;/i&gt;")
                .containsEntry("url", "/posts/" + post.id().value());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLanguageChoosesThePosts() throws IOException {
        seed.posts.add(other.id(), Instant.parse("2024-01-01T00:00:00Z"), TestData.title("Hundene"),
                TestData.body(""), Language.DANISH);

        Map<String, Object> danish = body(browser.get("/api/search?q=hund&language=da"));
        Map<String, Object> english = body(browser.get("/api/search?q=hund"));

        assertThat((List<Object>) danish.get("search_results")).hasSize(1);
        assertThat(english).containsEntry("language", "en");
        assertThat((List<Object>) english.get("search_results")).isEmpty();
    }

    @Test
    void aSearchThatFindsNothingSuggestsWords() throws IOException {
        seed.posts.add(other.id(), Instant.parse("2024-01-01T00:00:00Z"), TestData.title("Replica"),
                TestData.body(""), Language.ENGLISH);

        Map<String, Object> body = body(browser.get("/api/search?q=replcia"));

        assertThat(body).containsEntry("search_results", List.of()).containsEntry("suggestions", List.of("replica"));
    }

    @Test
    void badInputIsA400WithAJsonError() throws IOException {
        String tooLong = URLEncoder.encode("x".repeat(SearchQuery.MAX_LENGTH + 1), StandardCharsets.UTF_8);
        Map<String, String> cases = Map.of(
                "/api/search", "Type a word or two to search for.",
                "/api/search?q=+", "Type a word or two to search for.",
                "/api/search?q=" + tooLong, "A search must be at most " + SearchQuery.MAX_LENGTH + " characters.",
                "/api/search?q=" + URLEncoder.encode("\u00f8".repeat(10_000), StandardCharsets.UTF_8),
                "A search must be at most " + SearchQuery.MAX_LENGTH + " characters.",
                "/api/search?q=a%00", "A search may not contain control characters.",
                "/api/search?q=a&language=de", "Language must be one of en, da.",
                "/api/search?q=a&page=0", "That page of results does not exist.");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Browser.Response response = browser.get(bad.getKey());

            assertThat(response.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(body(response)).as(bad.getKey()).isEqualTo(Map.of("error", bad.getValue()));
        }
    }

    @Test
    void oddQueriesAnswerWithNoResults() throws IOException {
        for (String query : new String[] {"\"", "- OR -", "!", "&|<->", "%ED%A0%80"}) {
            Browser.Response response = browser.get("/api/search?q=" + (query.startsWith("%") ? query
                    : URLEncoder.encode(query, StandardCharsets.UTF_8)));

            assertThat(response.status()).as(query).isEqualTo(200);
            assertThat(body(response).get("search_results")).as(query).isEqualTo(List.of());
        }
    }

    @Test
    void anOutageIsA503WithAJsonError() throws IOException {
        seed.outage.databaseDown();

        Browser.Response response = browser.get("/api/search?q=replica");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo("10");
        assertThat(body(response)).containsOnlyKeys("error");
    }
}
