package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.testing.TestData;
import java.time.Instant;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /posts/{id}}: a post's own page. */
@MicronautTest
class PostPageTest extends BrowserTest {
    @Test
    void anybodyCanReadAPostWithItsAuthorAndDay() {
        Browser.Response response = browser.get("/posts/1");

        assertThat(response.status()).isEqualTo(200);
        Document page = response.html();
        assertThat(page.title()).isEqualTo("test title - Tierblog");
        assertThat(page.select("main > header h1").text()).isEqualTo("test title");
        assertThat(page.select("article .about").text()).isEqualTo("by test on 2018-01-01");
        assertThat(page.select("article .body").first().wholeText()).isEqualTo("test\nbody");
        assertThat(page.select("a.action:contains(Edit)")).isEmpty();
        assertThat(page.select("form[method=post]")).isEmpty();
    }

    @Test
    void itsAuthorGetsTheEditLinkAndTheDeleteButton() {
        browser.login();

        Document page = browser.get("/posts/1").html();
        Browser.Response deleted = browser.post("/1/delete", java.util.Map.of());

        assertThat(page.select("a.action:contains(Edit)").attr("href")).isEqualTo("/1/update");
        assertThat(page.select("form[action=/1/delete]").attr("data-confirm")).isEqualTo("Are you sure?");
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(browser.get("/posts/1").status()).isEqualTo(404);
    }

    @Test
    void somebodyElseGetsNeither() {
        browser.login("other", "other");

        Document page = browser.get("/posts/1").html();

        assertThat(page.select("a.action:contains(Edit)")).isEmpty();
        assertThat(page.select("form[action=/1/delete]")).isEmpty();
    }

    @Test
    void textIsEscaped() {
        Post post = seed.posts.add(new UserId(2), Instant.parse("2020-01-01T00:00:00Z"),
                TestData.title("<script>alert(1)</script>"), TestData.body("<img src=x onerror=alert(1)> & more"),
                Language.DANISH);

        Browser.Response response = browser.get("/posts/" + post.id().value());

        assertThat(response.html().select("main script, main img")).isEmpty();
        assertThat(response.html().select("main article").attr("lang")).isEqualTo("da");
        assertThat(response.html().select("main > header h1").text()).isEqualTo("<script>alert(1)</script>");
        assertThat(response.body()).doesNotContain("<img");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/2", "/posts/0", "/posts/-1", "/posts/abc", "/posts/1.0", "/posts/%00",
        "/posts/99999999999999999999", "/posts/%F0%9F%98%80"})
    void missingOrMalformedIdsAreNotFound(String path) {
        Browser.Response response = browser.get(path);

        assertThat(response.status()).as(path).isEqualTo(404);
        assertThat(response.html().select("main .message").text()).isNotEmpty();
    }

    @Test
    void theIndexLinksEachTitleToItsPage() {
        Post newer = seed.posts.add(new UserId(2), Instant.parse("2020-01-01T00:00:00Z"), TestData.title("newer"),
                TestData.body(""), Language.ENGLISH);

        Document index = browser.get("/").html();

        assertThat(index.select("article.post").eachAttr("lang")).containsExactly("en", "en");
        assertThat(index.select("article.post h1 a").eachAttr("href"))
                .containsExactly("/posts/" + newer.id().value(), "/posts/1");
        assertThat(browser.get(index.select("article.post h1 a").first().attr("href")).html()
                .select("main > header h1").text()).isEqualTo("newer");
    }

    @Test
    void whenTheDatabaseIsDownThePostPageIsA503() {
        seed.outage.databaseDown();

        Browser.Response response = browser.get("/posts/1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(seed.posts.findById(new PostId(1))).isPresent();
    }
}
