package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.IndexPage;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.PostPageRequest;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.port.in.ListPostsQuery;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Index pages are sent from the cache of rendered pages when the viewer, the page's place and
 * every post's summary are what they were, and any change, through this instance or behind its
 * back (as another instance or psql would make it), shows on the very next page. The budget is
 * small enough here (about six pages of this size) for eviction to happen within the test.
 */
@MicronautTest
@Property(name = RenderedPageCache.BUDGET_PROPERTY, value = "20000")
class PageCacheTest extends BrowserTest {
    @Inject
    RenderedPageCache pages;

    @Inject
    RenderedPostCache posts;

    @Inject
    Pages renderer;

    @Inject
    IndexArticles articles;

    @Inject
    ListPostsQuery listPosts;


    @Test
    void aRepeatedIndexIsTheKeptPageWithTheSameTag() {
        Browser.Response first = browser.get("/");
        long misses = pages.misses();
        long hits = pages.hits();
        long articleMisses = posts.misses();

        Browser.Response second = browser.get("/");

        assertThat(pages.misses()).isEqualTo(misses);
        assertThat(pages.hits()).isEqualTo(hits + 1);
        assertThat(posts.misses()).as("nothing rendered").isEqualTo(articleMisses);
        assertThat(second.body()).isEqualTo(first.body()).contains("test title");
        assertThat(second.headers().get(HttpHeaders.ETAG)).isEqualTo(first.headers().get(HttpHeaders.ETAG))
                .isNotBlank();
        assertThat(second.headers().get(HttpHeaders.CONTENT_TYPE)).isEqualTo("text/html;charset=utf-8");
        assertThat(second.headers().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-cache");
        assertThat(second.headers().get(HttpHeaders.CONTENT_LENGTH))
                .isEqualTo(String.valueOf(first.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));

        Browser.Response notModified = browser.send(
                HttpRequest.GET("/").header(HttpHeaders.IF_NONE_MATCH, first.headers().get(HttpHeaders.ETAG)));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    @Test
    void theIndexRenderedWithoutARequestIsTheOneAVisitorGets() {
        String requested = browser.get("/").body();
        Map<String, Object> model = Pages.model("Posts");
        model.put("firstPage", true);
        IndexArticles.Reading reading = articles.reading();
        IndexPage page = listPosts.list(PostPageRequest.first(), reading::bodyHeld);

        String unrequested = renderer.renderWithoutRequest(BlogController.INDEX_VIEW,
                BlogController.indexModel(model, reading, page, Optional.empty()));

        assertThat(unrequested).as("what the start-up warm-up keeps for visitors").isEqualTo(requested);
    }

    @Test
    void anEditTheInstanceWasNotToldOfShowsAtOnceWithANewTag() {
        Browser.Response before = browser.get("/");
        browser.get("/");

        seed.posts.update(new PostId(1), TestData.title("test title"), TestData.body("changed elsewhere"),
                Language.ENGLISH);
        Browser.Response after = browser.get("/");

        assertThat(after.html().select("article.post .body").eachText()).containsExactly("changed elsewhere");
        assertThat(after.headers().get(HttpHeaders.ETAG)).isNotEqualTo(before.headers().get(HttpHeaders.ETAG));
        assertThat(browser.send(HttpRequest.GET("/")
                .header(HttpHeaders.IF_NONE_MATCH, before.headers().get(HttpHeaders.ETAG))).status())
                .as("the old tag no longer matches").isEqualTo(200);
    }

    @Test
    void aNewPostAndADeletedOneShowAtOnce() {
        browser.get("/");
        Post added = seed.posts.add(new UserId(2), Instant.parse("2019-01-01T00:00:00Z"),
                TestData.title("added elsewhere"), TestData.body("x"), Language.ENGLISH);

        assertThat(browser.get("/").html().select("article.post h1").eachText())
                .containsExactly("added elsewhere", "test title");

        seed.posts.delete(added.id());

        assertThat(browser.get("/").html().select("article.post h1").eachText()).containsExactly("test title");
    }

    @Test
    void eachViewerHasTheirOwnPage() {
        Document visitorBefore = browser.get("/").html();
        Browser author = new Browser(client);
        author.login();
        Browser other = new Browser(client);
        other.login("other", "other");

        Document authorPage = author.get("/").html();
        Document otherPage = other.get("/").html();
        Document visitor = new Browser(client).get("/").html();

        assertThat(authorPage.select("article.post a.action[href=/1/update]").text()).isEqualTo("Edit");
        assertThat(authorPage.select("nav .viewer").text()).isEqualTo("test");
        assertThat(otherPage.select("article.post a.action")).isEmpty();
        assertThat(otherPage.select("nav .viewer").text()).isEqualTo("other");
        assertThat(visitor.select("article.post a.action")).isEmpty();
        assertThat(visitor.select("nav .viewer")).isEmpty();
        assertThat(visitor.outerHtml()).isEqualTo(visitorBefore.outerHtml());
        assertThat(author.get("/").body()).as("the author's own page again").contains("/1/update");
    }

    @Test
    void aPageWithAFlashMessageIsShownOnceAndNeverKept() {
        browser.login();
        browser.get("/");
        browser.post("/create", Map.of("title", "fresh", "body", "new", "language", "en"));

        Browser.Response withMessage = browser.get("/");
        Browser.Response next = browser.get("/");

        assertThat(withMessage.html().select(".flash").text()).isEqualTo(BlogController.PUBLISHED);
        assertThat(withMessage.headers().get(HttpHeaders.ETAG)).isNull();
        assertThat(next.html().select(".flash")).isEmpty();
        assertThat(next.html().select("article.post h1").eachText()).containsExactly("fresh", "test title");
    }

    @Test
    void anOlderPageIsKeptApartFromTheFirst() {
        for (int i = 0; i < 25; i++) {
            seed.posts.add(new UserId(2), Instant.parse("2019-01-01T00:00:00Z").plusSeconds(i),
                    TestData.title("post " + i), TestData.body("body " + i), Language.ENGLISH);
        }
        Document first = browser.get("/").html();
        String older = first.select("a[rel=next]").attr("href");
        Document second = browser.get(older).html();

        assertThat(first.select("article.post h1").first().text()).isEqualTo("post 24");
        assertThat(second.select("article.post h1").eachText()).hasSize(6).last().isEqualTo("test title");
        assertThat(browser.get(older).html().outerHtml()).isEqualTo(second.outerHtml());
        assertThat(browser.get("/").html().outerHtml()).isEqualTo(first.outerHtml());
    }

    @Test
    void theCacheStaysWithinItsBudget() {
        for (int i = 0; i < 12; i++) {
            Browser viewer = new Browser(client);
            if (i % 2 == 1) {
                viewer.login(i % 4 == 1 ? "test" : "other", i % 4 == 1 ? "test" : "other");
            }
            seed.posts.update(new PostId(1), TestData.title("test title"), TestData.body("version " + i),
                    Language.ENGLISH);
            assertThat(viewer.get("/").body()).contains("version " + i);
            assertThat(pages.bytes()).isLessThanOrEqualTo(20000);
        }
        assertThat(pages.size()).as("the oldest pages were dropped").isBetween(1, 11);
    }
}
