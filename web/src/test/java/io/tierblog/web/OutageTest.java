package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.PostId;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** When the database is unreachable, or something unexpected breaks: friendly pages, nothing lost. */
@MicronautTest
class OutageTest extends BrowserTest {
    @Test
    void theIndexSaysTheDatabaseIsUnavailableWithRetryAfter() {
        seed.outage.databaseDown();

        Browser.Response response = browser.get("/");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo(ErrorPages.RETRY_AFTER_SECONDS);
        Document page = response.html();
        assertThat(page.select("main .unavailable").text()).isEqualTo(BlogController.POSTS_UNAVAILABLE);
        assertThat(page.select("main h1").first().text()).isEqualTo("Posts");
        assertThat(page.select("article.post")).isEmpty();
        assertThat(page.text()).doesNotContain("Nothing has been posted yet.");
        assertThat(page.select("link[rel=stylesheet]").attr("href")).matches("/static/style\\.[0-9a-f]{12}\\.css");

        seed.outage.end();
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    @Test
    void theIndexDuringAnOutageStillShowsWhoIsLoggedIn() {
        browser.login();
        seed.outage.databaseDown();

        Browser.Response response = browser.get("/");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.html().select("nav").text()).contains("test").contains("Log Out");
        assertThat(response.html().select("main a[href=/create]")).hasSize(1);
    }

    @Test
    void aPostThatCannotBeSavedIsShownAgainWithWhatWasTyped() {
        browser.login();
        seed.outage.databaseDown();

        Browser.Response response = browser.post("/create", Map.of("title", "my draft", "body", "line 1\nline 2"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo(ErrorPages.RETRY_AFTER_SECONDS);
        Document page = response.html();
        assertThat(page.select(".flash.error").text()).isEqualTo(BlogController.NOT_SAVED);
        assertThat(page.select("input[name=title]").attr("value")).isEqualTo("my draft");
        assertThat(Browser.textarea(page, "body")).isEqualTo("line 1\nline 2");
        assertThat(response.setCookie(FlashMessages.COOKIE_NAME)).isNull();
        seed.outage.end();
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void anEditThatCannotBeSavedIsShownAgainWithWhatWasTyped() {
        browser.login();
        seed.outage.databaseDownForWrites();

        Browser.Response response = browser.post("/1/update", Map.of("title", "new title", "body", "new body"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo(ErrorPages.RETRY_AFTER_SECONDS);
        Document page = response.html();
        assertThat(page.select("main > header h1").text()).isEqualTo("Edit \"test title\"");
        assertThat(page.select(".flash.error").text()).isEqualTo(BlogController.NOT_SAVED);
        assertThat(page.select("input[name=title]").attr("value")).isEqualTo("new title");
        assertThat(Browser.textarea(page, "body")).isEqualTo("new body");
        seed.outage.end();
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @Test
    void anEditIsKeptEvenWhenThePostCannotBeReadBack() {
        browser.login();
        seed.outage.databaseDown();

        Browser.Response response = browser.post("/1/update", Map.of("title", "new title", "body", "new body"));

        assertThat(response.status()).isEqualTo(503);
        Document page = response.html();
        assertThat(page.select("main > header h1").text()).isEqualTo("Edit Post");
        assertThat(page.select(".flash.error").text()).isEqualTo(BlogController.NOT_SAVED);
        assertThat(page.select("input[name=title]").attr("value")).isEqualTo("new title");
        assertThat(Browser.textarea(page, "body")).isEqualTo("new body");
        seed.outage.end();
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @Test
    void theEditFormCannotBeShownDuringAnOutage() {
        browser.login();
        seed.outage.databaseDown();

        Browser.Response response = browser.get("/1/update");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo(ErrorPages.RETRY_AFTER_SECONDS);
        assertThat(response.html().select("main .message").text()).isEqualTo(ErrorPages.DATA_TIER_UNAVAILABLE);
    }

    @Test
    void aPostThatCannotBeSavedAfterAllIsShownAgainWithWhatWasTyped() {
        browser.login();
        seed.outage.databaseDownForWrites();

        Browser.Response response = browser.post("/create", Map.of("title", "my draft", "body", "kept"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.html().select("input[name=title]").attr("value")).isEqualTo("my draft");
        seed.outage.end();
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void deletingDuringAnOutageIsTheOutagePageAndDeletesNothing() {
        browser.login();
        seed.outage.databaseDown();

        Browser.Response response = browser.post("/1/delete");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.html().select("main .message").text()).isEqualTo(ErrorPages.DATA_TIER_UNAVAILABLE);
        seed.outage.end();
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureIsAFriendlyPageWithoutAStackTrace() {
        seed.outage.breakWith(new IllegalStateException("internal detail nobody should see"));

        Browser.Response response = browser.get("/");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("internal detail").doesNotContain("IllegalStateException")
                .doesNotContain("at io.");
        Document page = response.html();
        assertThat(page.select("main h1").text()).isEqualTo("Internal Server Error");
        assertThat(page.select("main .message").text())
                .isEqualTo("Something went wrong on our side. Please try again later.");
        assertThat(page.select("nav a[href=/auth/login]")).isNotEmpty();
    }

    @Test
    void unknownAddressesAreAFriendlyNotFoundForEverybody() {
        Browser.Response anonymous = browser.get("/no/such/page");
        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.html().select("main .message").text()).isEqualTo("There is no page at this address.");

        browser.login();
        Browser.Response loggedIn = browser.get("/no/such/page");
        assertThat(loggedIn.status()).isEqualTo(404);
        assertThat(loggedIn.html().select("nav .viewer").text()).isEqualTo("test");
    }

    @Test
    void aFormSentAsSomethingElseIsRefusedWithAPage() {
        browser.login();

        Browser.Response response = browser.send(HttpRequest.POST("/create", "{\"title\":\"json\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.html().select("main .message").text()).isEqualTo("Please send the form from its page.");
        assertThat(seed.posts.count()).isEqualTo(1);
    }
}
