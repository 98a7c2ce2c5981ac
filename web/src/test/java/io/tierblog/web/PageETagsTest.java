package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.testing.TestData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages the same for every request of one viewer carry an ETag, and a request naming it gets a
 * 304; a page that changed, another viewer, a flash message or a form token never does.
 */
@MicronautTest
class PageETagsTest extends BrowserTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/posts/1", "/about", "/search?q=test"})
    void aPageNamedByItsTagIsNotSentAgain(String path) {
        Browser.Response first = browser.get(path);
        String tag = first.headers().get(HttpHeaders.ETAG);

        Browser.Response again = conditional(browser, path, tag);

        assertThat(first.status()).isEqualTo(200);
        assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(first.headers().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-cache");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().get(HttpHeaders.ETAG)).isEqualTo(tag);
        assertThat(again.headers().get(HttpHeaders.CACHE_CONTROL)).isEqualTo("private, no-cache");
        assertThat(browser.get(path).headers().get(HttpHeaders.ETAG)).as("the same page, the same tag").isEqualTo(tag);
    }

    @Test
    void aWeakFormOfTheTagAmongOthersMatchesToo() {
        String tag = browser.get("/").headers().get(HttpHeaders.ETAG);

        assertThat(conditional(browser, "/", "\"other\", W/" + tag).status()).isEqualTo(304);
        assertThat(conditional(browser, "/", "\"other\"").status()).isEqualTo(200);
    }

    @Test
    void aChangedPageIsSentWithANewTag() {
        String before = browser.get("/").headers().get(HttpHeaders.ETAG);

        seed.posts.update(new PostId(1), TestData.title("test title"), TestData.body("new body"), Language.ENGLISH);
        Browser.Response after = conditional(browser, "/", before);

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).contains("new body");
        assertThat(after.headers().get(HttpHeaders.ETAG)).isNotEqualTo(before);
    }

    @Test
    void twoViewersNeverShareATag() {
        Browser visitor = browser;
        Browser test = new Browser(client);
        test.login();
        Browser other = new Browser(client);
        other.login("other", "other");
        // The About page's body differs between viewers only by the name in the navigation.
        String visitorTag = visitor.get("/about").headers().get(HttpHeaders.ETAG);
        String testTag = test.get("/about").headers().get(HttpHeaders.ETAG);
        String otherTag = other.get("/about").headers().get(HttpHeaders.ETAG);

        assertThat(visitorTag).isNotEqualTo(testTag).isNotEqualTo(otherTag);
        assertThat(testTag).isNotEqualTo(otherTag);
        assertThat(conditional(other, "/about", testTag).status()).isEqualTo(200);
        assertThat(conditional(visitor, "/about", otherTag).status()).isEqualTo(200);
        assertThat(conditional(test, "/about", visitorTag).status()).isEqualTo(200);
        assertThat(conditional(test, "/about", testTag).status()).isEqualTo(304);
    }

    @Test
    void theTagIsOfTheViewerAsWellAsOfTheBytes() {
        assertThat(ETags.of("user:1", new byte[] {1, 2})).isNotEqualTo(ETags.of("user:2", new byte[] {1, 2}))
                .isNotEqualTo(ETags.of("user:1", new byte[] {1, 3})).isEqualTo(ETags.of("user:1", new byte[] {1, 2}));
    }

    @Test
    void aPageShowingAFlashMessageHasNoTagAndIsAlwaysSent() {
        browser.login();
        String tag = browser.get("/").headers().get(HttpHeaders.ETAG);
        browser.post("/1/update", Map.of("title", "test title", "body", "test\nbody", "language", "en"));

        Browser.Response withMessage = conditional(browser, "/", tag);
        Browser.Response anything = conditional(browser, "/", "*");

        assertThat(withMessage.status()).isEqualTo(200);
        assertThat(withMessage.body()).contains(BlogController.UPDATED);
        assertThat(withMessage.headers().contains(HttpHeaders.ETAG)).isFalse();
        assertThat(anything.status()).as("the message was used up; * matches any page").isEqualTo(304);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/auth/login", "/auth/register", "/create", "/1/update", "/posts/1"})
    void pagesWithAFormTokenHaveNoTag(String path) {
        browser.login();

        Browser.Response page = conditional(browser, path, "*");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("name=\"" + CsrfTokens.FIELD + "\"");
        assertThat(page.headers().contains(HttpHeaders.ETAG)).isFalse();
    }

    @Test
    void theIndexDuringAnOutageHasNoTag() {
        seed.outage.databaseDown();

        Browser.Response page = conditional(browser, "/", "*");

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.headers().contains(HttpHeaders.ETAG)).isFalse();
    }

    private static Browser.Response conditional(Browser browser, String path, String ifNoneMatch) {
        return browser.send(HttpRequest.GET(path).header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch));
    }
}
