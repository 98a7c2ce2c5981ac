package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The index's articles come from the cache of rendered posts once rendered, and an edit or a
 * delete, through this instance or behind its back (as another instance or psql would make it),
 * shows on the very next page.
 */
@MicronautTest
class PostCacheTest extends BrowserTest {
    @Inject
    RenderedPostCache cache;


    @Test
    void aRepeatedIndexRendersNoArticleAgainAndIsTheSamePage() {
        seed.posts.add(new io.tierblog.domain.model.UserId(2), Instant.parse("2019-01-01T00:00:00Z"),
                TestData.title("second <post>"), TestData.body("a & b"), Language.DANISH);
        String first = browser.get("/").body();
        long misses = cache.misses();
        long hits = cache.hits();

        String second = browser.get("/").body();

        assertThat(second).isEqualTo(first);
        assertThat(cache.misses()).isEqualTo(misses);
        assertThat(cache.hits()).isEqualTo(hits + 2);
        Document page = browser.get("/").html();
        assertThat(page.select("article.post h1").eachText()).containsExactly("second <post>", "test title");
        assertThat(page.select("article.post").first().attr("lang")).isEqualTo("da");
        assertThat(page.select("article.post .body").eachText()).containsExactly("a & b", "test body");
        assertThat(first).contains("<h1><a href=\"/posts/2\">second &lt;post&gt;</a></h1>")
                .contains("<p class=\"body\">a &amp; b</p>");
    }

    @Test
    void anEditThroughTheFormShowsAtOnce() {
        browser.login();
        assertThat(browser.get("/").body()).contains("test\nbody");

        browser.post("/1/update", Map.of("title", "edited title", "body", "edited body", "language", "en"));

        Document page = browser.get("/").html();
        assertThat(page.select("article.post h1").eachText()).containsExactly("edited title");
        assertThat(page.select("article.post .body").eachText()).containsExactly("edited body");
    }

    @Test
    void anEditTheInstanceWasNotToldOfShowsAtOnce() {
        assertThat(browser.get("/").body()).contains("test\nbody");

        seed.posts.update(new PostId(1), TestData.title("test title"), TestData.body("changed elsewhere"),
                Language.ENGLISH);

        assertThat(browser.get("/").html().select("article.post .body").eachText())
                .containsExactly("changed elsewhere");
    }

    @Test
    void aDeletedPostLeavesTheIndexAtOnce() {
        Post other = seed.posts.add(new io.tierblog.domain.model.UserId(2), Instant.parse("2019-01-01T00:00:00Z"),
                TestData.title("to be deleted"), TestData.body(""), Language.ENGLISH);
        assertThat(browser.get("/").body()).contains("to be deleted");

        seed.posts.delete(other.id());

        assertThat(browser.get("/").html().select("article.post h1").eachText()).containsExactly("test title");
    }

    @Test
    void aPostCachedForAVisitorShowsItsEditLinkToItsAuthorOnly() {
        browser.get("/");
        long misses = cache.misses();

        browser.login();
        Document author = browser.get("/").html();
        Browser other = new Browser(client);
        other.login("other", "other");
        Document notAuthor = other.get("/").html();
        Document visitor = new Browser(client).get("/").html();

        assertThat(cache.misses()).as("all three from the copy the visitor's page made").isEqualTo(misses);
        assertThat(author.select("article.post header a.action[href=/1/update]").text()).isEqualTo("Edit");
        assertThat(notAuthor.select("article.post a.action")).isEmpty();
        assertThat(visitor.select("article.post a.action")).isEmpty();
        assertThat(author.select("article.post header > div h1").text()).isEqualTo("test title");
    }

    @Test
    void aPostAnotherPageMadeAnEditLinkForIsCachedWithoutIt() {
        browser.login();
        browser.get("/");

        Document visitor = new Browser(client).get("/").html();

        assertThat(visitor.select("article.post").outerHtml()).doesNotContain("/update").doesNotContain("Edit");
    }
}
