package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Language;
import io.tierblog.domain.model.Post;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.UserId;
import io.tierblog.domain.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** flaskr's tests/test_blog.py, and the guards around it. */
@MicronautTest
class BlogTest extends BrowserTest {
    /** test_index. */
    @Test
    void index() {
        Browser.Response anonymous = browser.get("/");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).contains("Log In").contains("Register");
        assertThat(anonymous.html().select("a[href=/create]")).isEmpty();

        browser.login();
        Browser.Response response = browser.get("/");

        assertThat(response.body()).contains("test title");
        assertThat(response.body()).contains("by test on 2018-01-01");
        assertThat(response.body()).contains("test\nbody");
        assertThat(response.body()).contains("href=\"/1/update\"");
        assertThat(response.html().select("header a[href=/create]").text()).isEqualTo("New");
    }

    @Test
    void indexShowsTheDayInUtcAndPostsNewestFirst() {
        UserId other = new UserId(2);
        seed.posts.add(other, Instant.parse("2019-03-04T23:30:00Z"),
                TestData.title("late in UTC"),
                TestData.body(""), Language.ENGLISH);

        Document page = browser.get("/").html();

        assertThat(page.select("article.post h1").eachText()).containsExactly("late in UTC", "test title");
        assertThat(page.select("article.post .about").eachText())
                .containsExactly("by other on 2019-03-04", "by test on 2018-01-01");
    }

    /** test_login_required. */
    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update", "/1/delete"})
    void loginRequired(String path) {
        Browser.Response response = browser.post(path);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/auth/login");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update"})
    void loginRequiredToSeeTheForms(String path) {
        Browser.Response response = browser.get(path);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/auth/login");
    }

    @Test
    void loginRequiredComesBeforeTheFormIsRead() {
        Browser.Response response = browser.post("/1/update", Map.of("title", "", "body", ""));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/auth/login");
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    /** test_author_required. */
    @Test
    void authorRequired() {
        seed.posts.reassign(new PostId(1), new UserId(2));
        browser.login();

        assertThat(browser.post("/1/update").status()).isEqualTo(403);
        assertThat(browser.post("/1/delete").status()).isEqualTo(403);
        assertThat(browser.get("/1/update").status()).isEqualTo(403);
        assertThat(browser.get("/").body()).doesNotContain("href=\"/1/update\"");
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void authorshipIsCheckedBeforeTheForm() {
        seed.posts.reassign(new PostId(1), new UserId(2));
        browser.login();

        Browser.Response response = browser.post("/1/update", Map.of("title", "", "body", "x"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.html().select("main .message").text()).isEqualTo(ErrorPages.NOT_YOUR_POST);
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().body().value()).isEqualTo("test\nbody");
    }

    @Test
    void theEditLinkIsShownOnlyToTheAuthor() {
        Post others = seed.posts.add(new UserId(2), Instant.parse("2020-01-01T00:00:00Z"),
                TestData.title("by other"),
                TestData.body(""), Language.ENGLISH);

        assertThat(browser.get("/").html().select("a.action:contains(Edit)")).isEmpty();

        browser.login();
        Document asTest = browser.get("/").html();
        assertThat(asTest.select("article a.action").eachAttr("href")).containsExactly("/1/update");

        browser.logout();
        browser.login("other", "other");
        Document asOther = browser.get("/").html();
        assertThat(asOther.select("article a.action").eachAttr("href"))
                .containsExactly("/" + others.id().value() + "/update");
    }

    /** test_exists_required. */
    @ParameterizedTest
    @ValueSource(strings = {"/2/update", "/2/delete"})
    void existsRequired(String path) {
        browser.login();

        Browser.Response response = browser.post(path);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.html().select("main .message").text()).isEqualTo("Post id 2 doesn't exist.");
    }

    @Test
    void existenceIsCheckedBeforeTheForm() {
        browser.login();

        assertThat(browser.post("/2/update", Map.of("title", "", "body", "")).status()).isEqualTo(404);
        assertThat(browser.get("/2/update").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abc/update", "/0/update", "/-1/update", "/99999999999999999999/update",
        "/1.5/update", "/+1/update"})
    void anythingButAPostIdIsNotFound(String path) {
        browser.login();

        Browser.Response get = browser.get(path);
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.html().select("main h1").text()).isEqualTo("Not Found");
        assertThat(browser.post(path, Map.of("title", "x", "body", "")).status()).isEqualTo(404);
        assertThat(browser.post(path.replace("/update", "/delete")).status()).isEqualTo(404);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void deleteOnlyAcceptsPost() {
        browser.login();

        Browser.Response response = browser.get("/1/delete");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).contains("POST");
        assertThat(response.html().select("main h1").text()).isEqualTo("Method Not Allowed");
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void deleteOnlyAcceptsPostEvenForAnonymousVisitors() {
        assertThat(browser.get("/1/delete").status()).isEqualTo(405);
    }

    /** test_create. */
    @Test
    void create() {
        browser.login();
        assertThat(browser.get("/create").status()).isEqualTo(200);

        Browser.Response response = browser.post("/create", Map.of("title", "created", "body", ""));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/");
        assertThat(seed.posts.count()).isEqualTo(2);
        Document index = browser.get("/").html();
        assertThat(index.select("article.post h1").eachText()).containsExactly("created", "test title");
        assertThat(index.select("article.post .about").first().text()).startsWith("by test on ");
    }

    /** test_update. */
    @Test
    void update() {
        browser.login();
        assertThat(browser.get("/1/update").status()).isEqualTo(200);

        Browser.Response response = browser.post("/1/update", Map.of("title", "updated", "body", ""));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/");
        Post post = seed.posts.findById(new PostId(1)).orElseThrow();
        assertThat(post.title().value()).isEqualTo("updated");
        assertThat(post.body().value()).isEmpty();
    }

    @Test
    void theUpdateFormShowsThePostAndOffersToDeleteIt() {
        browser.login();

        Document page = browser.get("/1/update").html();

        assertThat(page.select("main > header h1").text()).isEqualTo("Edit \"test title\"");
        assertThat(page.select("input[name=title]").attr("value")).isEqualTo("test title");
        assertThat(page.select("input[name=title]").attr("maxlength")).isEqualTo(String.valueOf(Title.MAX_LENGTH));
        assertThat(Browser.textarea(page, "body")).isEqualTo("test\nbody");
        Element delete = page.select("form[action=/1/delete]").first();
        assertThat(delete).isNotNull();
        assertThat(delete.attr("method")).isEqualTo("post");
        assertThat(delete.attr("data-confirm")).isEqualTo("Are you sure?");
        assertThat(page.select("script[src~=^/static/confirm\\.[0-9a-f]{12}\\.js$]")).hasSize(1);
        assertThat(page.select("script:not([src])")).isEmpty();
        assertThat(page.getAllElements().stream()
                .flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().startsWith("on"))).isEmpty();
    }

    /** test_create_update_validate. */
    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update"})
    void createAndUpdateValidate(String path) {
        browser.login();

        Browser.Response response = browser.post(path, Map.of("title", "", "body", ""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("Title is required.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update"})
    void anInvalidFormIsShownAgainWithWhatWasTyped(String path) {
        browser.login();

        Browser.Response response = browser.post(path, Map.of("title", "  ", "body", "kept\nas typed"));

        Document page = response.html();
        assertThat(page.select(".flash.error").text()).isEqualTo("Title is required.");
        assertThat(page.select("input[name=title]").attr("value")).isEqualTo("  ");
        assertThat(Browser.textarea(page, "body")).isEqualTo("kept\nas typed");
        assertThat(seed.posts.count()).isEqualTo(1);
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @Test
    void theCreateFormOffersTheLanguagesWithEnglishChosenAndKeepsDanish() {
        browser.login();

        Document form = browser.get("/create").html();
        browser.post("/create", Map.of("title", "hej", "body", "", "language", "da"));
        browser.post("/create", Map.of("title", "no choice", "body", ""));

        assertThat(form.select("main select[name=language] option").eachAttr("value")).containsExactly("en", "da");
        assertThat(form.select("main select[name=language] option[selected]").attr("value")).isEqualTo("en");
        assertThat(seed.posts.findById(new PostId(2)).orElseThrow().language()).isEqualTo(Language.DANISH);
        assertThat(seed.posts.findById(new PostId(3)).orElseThrow().language()).isEqualTo(Language.ENGLISH);
    }

    @Test
    void theEditFormShowsThePostsLanguageAndCanChangeIt() {
        browser.login();

        browser.post("/1/update", Map.of("title", "opdateret", "body", "", "language", "da"));
        Document form = browser.get("/1/update").html();

        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().language()).isEqualTo(Language.DANISH);
        assertThat(form.select("main select[name=language] option[selected]").attr("value")).isEqualTo("da");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/create", "/1/update"})
    void anUnknownLanguageIsA400WithTheFormAgainAndTheTextKept(String path) {
        browser.login();

        for (String language : new String[] {"de", "EN", "\u0000", "da\ud800", "x".repeat(10_000)}) {
            Browser.Response response = browser.post(path,
                    Map.of("title", "kept title", "body", "kept\nbody", "language", language));

            assertThat(response.status()).isEqualTo(400);
            Document page = response.html();
            assertThat(page.select(".flash.error").text()).isEqualTo("Language must be one of en, da.");
            assertThat(page.select("input[name=title]").attr("value")).isEqualTo("kept title");
            assertThat(Browser.textarea(page, "body")).isEqualTo("kept\nbody");
            assertThat(page.select("main select[name=language] option")).hasSize(2);
        }
        assertThat(seed.posts.count()).isEqualTo(1);
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @Test
    void aPostWithNoFieldsAtAllIsATitleRequired() {
        browser.login();

        Browser.Response response = browser.post("/create");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.html().select(".flash.error").text()).isEqualTo("Title is required.");
    }

    @Test
    void aTooLongTitleIsRefusedWithTheDomainsMessage() {
        browser.login();
        String title = "x".repeat(Title.MAX_LENGTH + 1);

        Browser.Response response = browser.post("/create", Map.of("title", title, "body", ""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.html().select(".flash.error").text())
                .isEqualTo("Title must be at most " + Title.MAX_LENGTH + " characters.");
        assertThat(response.html().select("input[name=title]").attr("value")).isEqualTo(title);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void anEmptyBlogSaysSo() {
        seed.posts.clear();

        Document page = browser.get("/").html();

        assertThat(page.select("article.post")).isEmpty();
        assertThat(page.select("p.empty").text()).isEqualTo("Nothing has been posted yet.");
        assertThat(page.select("a[rel=next]")).isEmpty();
    }

    /** test_delete. */
    @Test
    void delete() {
        browser.login();

        Browser.Response response = browser.post("/1/delete");

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/");
        assertThat(seed.posts.findById(new PostId(1))).isEmpty();
    }

    @Test
    void flashMessagesAreShownOnceAfterTheRedirect() {
        browser.login();

        Browser.Response created = browser.post("/create", Map.of("title", "fresh", "body", ""));
        assertThat(created.setCookie(FlashMessages.COOKIE_NAME)).containsIgnoringCase("HttpOnly");
        Browser.Response first = browser.get(created.location());
        assertThat(first.html().select(".flash:not(.error)").text()).isEqualTo(BlogController.PUBLISHED);
        assertThat(first.setCookie(FlashMessages.COOKIE_NAME)).containsIgnoringCase("Max-Age=0");
        assertThat(browser.get("/").body()).doesNotContain(BlogController.PUBLISHED);

        browser.post("/1/update", Map.of("title", "again", "body", ""));
        assertThat(browser.get("/").html().select(".flash").text()).isEqualTo(BlogController.UPDATED);

        browser.post("/1/delete");
        assertThat(browser.get("/").html().select(".flash").text()).isEqualTo(BlogController.DELETED);
        assertThat(browser.get("/").html().select(".flash")).isEmpty();
    }

    @Test
    void aTamperedFlashCookieIsIgnoredAndCleared() {
        browser.login();
        browser.post("/1/delete");
        String genuine = browser.cookie(FlashMessages.COOKIE_NAME);
        String[] parts = genuine.split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("You won a prize!".getBytes(StandardCharsets.UTF_8));
        browser.setCookie(FlashMessages.COOKIE_NAME, parts[0] + "." + forged + "." + parts[2]);

        Browser.Response response = browser.get("/");

        assertThat(response.html().select(".flash")).isEmpty();
        assertThat(response.body()).doesNotContain("prize");
        assertThat(response.setCookie(FlashMessages.COOKIE_NAME)).containsIgnoringCase("Max-Age=0");
    }
}
