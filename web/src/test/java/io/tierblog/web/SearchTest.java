package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.SearchQuery;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.TestData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search page and the search box in the layout, over the in-memory search. */
@MicronautTest
class SearchTest extends BrowserTest {
    User other;

    @BeforeEach
    void findOther() {
        other = seed.users.findByUsername(TestData.username("other")).orElseThrow();
    }

    private Post post(String title, String body, Language language, String created) {
        return seed.posts.add(other.id(), Instant.parse(created), TestData.title(title), TestData.body(body), language);
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/auth/login", "/auth/register", "/about", "/no-such-page"})
    void everyPageHasAnEmptySearchBoxInTheNavigation(String path) {
        Document page = browser.get(path).html();

        Element form = page.select("nav form.search").first();
        assertThat(form).isNotNull();
        assertThat(form.attr("action")).isEqualTo("/search");
        assertThat(form.attr("method")).isEqualTo("get");
        assertThat(form.select("input[name=q]").attr("value")).isEmpty();
        assertThat(form.select("input[name=q]").attr("maxlength")).isEqualTo(String.valueOf(SearchQuery.MAX_LENGTH));
        assertThat(form.select("select[name=language] option").eachAttr("value")).containsExactly("en", "da");
        assertThat(form.select("select[name=language] option[selected]").attr("value")).isEqualTo("en");
    }

    @Test
    void anEmptyQueryShowsTheHint() {
        for (String path : new String[] {"/search", "/search?q=", "/search?q=+++&language=da"}) {
            Browser.Response response = browser.get(path);

            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.html().select("main .hint").text()).startsWith("Type words to find posts")
                    .contains("\"a phrase\"", "-word", "OR");
            assertThat(response.html().select("article.result")).isEmpty();
        }
    }

    @Test
    void resultsLinkToThePostWithAuthorDateAndAMarkedSnippet() {
        Post post = post("Replica notes", "The replica lags behind.", Language.ENGLISH, "2024-02-03T04:05:06Z");

        Browser.Response response = browser.get("/search?q=replica&language=en");

        assertThat(response.status()).isEqualTo(200);
        Document page = response.html();
        assertThat(page.select("main .count").text()).isEqualTo("1 post found.");
        Element result = page.select("article.result").first();
        assertThat(result.attr("lang")).isEqualTo("en");
        assertThat(result.select("h1 a").text()).isEqualTo("Replica notes");
        assertThat(result.select("h1 a").attr("href")).isEqualTo("/posts/" + post.id().value());
        assertThat(result.select(".about").text()).isEqualTo("by other on 2024-02-03");
        assertThat(result.select(".snippet").text()).isEqualTo("The replica lags behind.");
        assertThat(result.select(".snippet mark").eachText()).containsExactly("replica");
        assertThat(page.select("nav form.search input[name=q]").attr("value")).isEqualTo("replica");
        assertThat(page.title()).isEqualTo("Search: replica - Tierblog");
    }

    @Test
    void theLanguageChoosesWhichPostsAreSearchedAndStaysChosen() {
        post("Hundene", "løber i parken", Language.DANISH, "2024-01-01T00:00:00Z");
        post("Hundene", "run in the park", Language.ENGLISH, "2024-01-01T00:00:00Z");

        Document danish = browser.get("/search?q=hund&language=da").html();
        Document english = browser.get("/search?q=hund").html();

        assertThat(danish.select("article.result")).hasSize(1);
        assertThat(danish.select("article.result").attr("lang")).isEqualTo("da");
        assertThat(danish.select("nav form.search option[selected]").attr("value")).isEqualTo("da");
        assertThat(english.select("article.result")).isEmpty();
        assertThat(english.select("main .count").text()).isEqualTo("No posts found.");
    }

    @Test
    void everythingButTheMarksIsEscaped() {
        post("<script>alert(1)</script> replica", "<b>bold</b> & \"replica\" <mark>fake</mark> <img src=x onerror=alert(1)>",
                Language.ENGLISH, "2024-01-01T00:00:00Z");

        Browser.Response response = browser.get("/search?q=" + q("replica <script>"));

        Document page = response.html();
        assertThat(response.status()).isEqualTo(200);
        assertThat(page.select("main script, main img, main b, nav script")).isEmpty();
        assertThat(page.select("article.result h1 a").text()).isEqualTo("<script>alert(1)</script> replica");
        assertThat(page.select(".snippet mark").eachText()).containsExactly("replica");
        assertThat(page.select(".snippet").text()).contains("<b>bold</b>", "<mark>fake</mark>");
        assertThat(response.body()).doesNotContain("<script>alert", "<b>bold", "<img");
        assertThat(page.select("nav input[name=q]").attr("value")).isEqualTo("replica <script>");
    }

    @Test
    void resultsComeInPagesOfTenWithLinksBothWays() {
        for (int i = 0; i < 12; i++) {
            post("Replica " + i, "", Language.ENGLISH, "2024-01-01T00:00:" + (10 + i) + "Z");
        }

        Document first = browser.get("/search?q=replica").html();
        String next = first.select("nav.pages a[rel=next]").attr("href");
        Document second = browser.get(next).html();

        assertThat(first.select("main .count").text()).isEqualTo("12 posts found.");
        assertThat(first.select("article.result h1").eachText()).hasSize(10).first().isEqualTo("Replica 11");
        assertThat(first.select("nav.pages a[rel=prev]")).isEmpty();
        assertThat(next).isEqualTo("/search?q=replica&language=en&page=2");
        assertThat(second.select("article.result h1").eachText()).containsExactly("Replica 1", "Replica 0");
        assertThat(second.select("nav.pages a[rel=next]")).isEmpty();
        assertThat(second.select("nav.pages a[rel=prev]").attr("href")).isEqualTo("/search?q=replica&language=en&page=1");
    }

    @Test
    void aSearchThatFindsNothingSuggestsCloseWordsEachALinkToItsOwnSearch() {
        post("Streaming replicas", "The replica follows the primary.", Language.ENGLISH, "2024-01-01T00:00:00Z");
        post("Replika", "replikaen", Language.DANISH, "2024-01-01T00:00:00Z");

        Document typo = browser.get("/search?q=replcia&language=en").html();
        Document found = browser.get("/search?q=replica&language=en").html();
        Document danish = browser.get("/search?q=replikka&language=da").html();

        assertThat(typo.select("main .count").text()).isEqualTo("No posts found.");
        assertThat(typo.select("main .suggestions a").eachText()).containsExactly("replica", "replicas");
        assertThat(typo.select("main .suggestions a").eachAttr("href"))
                .containsExactly("/search?q=replica&language=en", "/search?q=replicas&language=en");
        assertThat(typo.select("main .suggestions").text()).isEqualTo("Did you mean replica, replicas?");
        assertThat(found.select("main .suggestions")).isEmpty();
        assertThat(danish.select("main .suggestions a").eachAttr("href")).first()
                .isEqualTo("/search?q=replika&language=da");
        assertThat(browser.get("/search?q=zzzzqqq").html().select("main .suggestions")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"unbalanced", "\"\"\"", "-", "- OR -", "OR", "!!!", "&|<->:*", "'", "((", "\uFFFD",
        "😀", "-test"})
    void oddQueriesAreSearchedAndFindNothingWithoutAnError(String query) {
        Browser.Response response = browser.get("/search?q=" + q(query));

        assertThat(response.status()).as(query).isEqualTo(200);
        assertThat(response.html().select("main .count").text()).isEqualTo("No posts found.");
    }

    @Test
    void hostileQueriesAreA400WithAMessageAndTheBoxStillThere() {
        String tooLong = "Search must be at most " + SearchQuery.MAX_LENGTH + " characters.";
        expectBadRequest("/search?q=" + "a".repeat(SearchQuery.MAX_LENGTH + 1), "A s" + tooLong.substring(1));
        expectBadRequest("/search?q=" + "replica+".repeat(300), "A s" + tooLong.substring(1));
        expectBadRequest("/search?q=a%00b", "A search may not contain control characters.");
        expectBadRequest("/search?q=%ED%A0%80", null);
        expectBadRequest("/search?q=" + q("a\uD800b"), null);
        expectBadRequest("/search?q=cat&language=de", "Language must be one of en, da.");
        expectBadRequest("/search?q=cat&language=%00", "Language must be one of en, da.");
        for (String page : new String[] {"0", "-1", "abc", "101", "99999999999999999999", "1.5"}) {
            expectBadRequest("/search?q=cat&page=" + page, "That page of results does not exist.");
        }
    }

    /** A 400 page with the message (any, when null), or a 200 for input a client cannot even send as such. */
    private void expectBadRequest(String path, String message) {
        Browser.Response response = browser.get(path);

        if (message == null) {
            assertThat(response.status()).as(path).isIn(200, 400);
        } else {
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.html().select(".flash.error").text()).as(path).isEqualTo(message);
        }
        assertThat(response.html().select("nav form.search")).hasSize(1);
        assertThat(response.html().select("article.result")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "\u00f8", "\uD83D\uDE00"})
    void aTenThousandCharacterQueryGetsTheSearchPageWithAMessage(String character) {
        // 10,000 characters: up to 120,000 bytes of request line once encoded ("%F0%9F%98%80" each).
        Browser.Response response = browser.get("/search?q=" + q(character.repeat(10_000)));

        if (q(character.repeat(10_000)).length() < 65_000) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.html().select(".flash.error").text())
                    .isEqualTo("A search must be at most " + SearchQuery.MAX_LENGTH + " characters.");
            assertThat(response.html().select("nav form.search")).hasSize(1);
        } else {
            // Longer than the server reads as a request line: refused before any controller, with a page.
            assertThat(response.status()).isBetween(400, 499);
            assertThat(response.html().select("main .message").text()).isNotEmpty();
        }
        assertThat(response.headers().get("Content-Security-Policy")).isNotNull();
        assertThat(browser.get("/search?q=test").status()).isEqualTo(200);
    }

    @Test
    void theSearchPageNeedsNoInlineScriptOrStyle() {
        post("Replica", "a replica", Language.ENGLISH, "2024-01-01T00:00:00Z");

        Document page = browser.get("/search?q=replica").html();

        assertThat(page.select("script:not([src]), style, [style]")).isEmpty();
        assertThat(page.getAllElements().stream()
                .flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().startsWith("on"))).isEmpty();
    }

    @Test
    void whenTheDatabaseIsDownTheSearchPageSaysSo() {
        seed.outage.databaseDown();

        Browser.Response response = browser.get("/search?q=replica");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isNotNull();
    }
}
