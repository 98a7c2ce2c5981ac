package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every form that changes something carries a CSRF token; a post without a valid one is refused
 * with a friendly 403 and changes nothing, on any instance that shares the secret.
 */
@MicronautTest
class CsrfTest extends BrowserTest {
    @Inject
    ApplicationContext context;


    @ParameterizedTest
    @ValueSource(strings = {"/auth/register", "/auth/login", "/create", "/1/update", "/posts/1"})
    void everyFormThatPostsCarriesTheTokenOfItsCookie(String page) {
        browser.login();

        Browser.Response response = browser.get(page);

        Document html = response.html();
        // The search box is the one other form: a GET, which changes nothing.
        assertThat(html.select("form:not([method=post])")).extracting(f -> f.attr("action")).containsExactly("/search");
        assertThat(html.select("form[method=post]")).isNotEmpty().allSatisfy(form ->
                assertThat(form.select("input[type=hidden][name=csrfToken]").attr("value"))
                        .isEqualTo(browser.cookie(Browser.CSRF_COOKIE)).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"));
    }

    @Test
    void theTokenCookieIsHttpOnlyAndSameSiteLaxAndKeptWhileItIsGood() {
        Browser.Response first = browser.get("/auth/register");
        String cookie = first.setCookie(Browser.CSRF_COOKIE);
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Secure");

        Browser.Response second = browser.get("/auth/login");

        assertThat(second.setCookie(Browser.CSRF_COOKIE)).as("a good token is reused, so open tabs keep working")
                .isNull();
        assertThat(second.html().select("input[name=csrfToken]").attr("value"))
                .isEqualTo(browser.cookie(Browser.CSRF_COOKIE));
        assertThat(browser.get("/").setCookie(Browser.CSRF_COOKIE)).as("pages without forms mint none").isNull();
    }

    @Test
    void registeringOrLoggingInWithoutATokenIsRefusedAndChangesNothing() {
        Browser.Response register = browser.postWithoutToken("/auth/register", Map.of("username", "new", "password", "pw"));
        Browser.Response login = browser.postWithoutToken("/auth/login", Map.of("username", "test", "password", "test"));

        for (Browser.Response refused : new Browser.Response[] {register, login}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.html().select("main h1").text()).isEqualTo("Forbidden");
            assertThat(refused.html().select("main .message").text()).isEqualTo(FormPostGuard.FORGED);
            assertThat(refused.setCookie("JWT")).isNull();
        }
        assertThat(seed.users.findByUsername(TestData.username("new"))).isEmpty();
    }

    @Test
    void writingWithoutATokenIsRefusedAndChangesNothing() {
        browser.login();

        assertThat(browser.postWithoutToken("/create", Map.of("title", "forged", "body", "")).status()).isEqualTo(403);
        assertThat(browser.postWithoutToken("/1/update", Map.of("title", "forged", "body", "")).status())
                .isEqualTo(403);
        assertThat(browser.postWithoutToken("/1/delete", Map.of()).status()).isEqualTo(403);
        assertThat(browser.send(HttpRequest.create(HttpMethod.POST, "/1/delete")).status()).isEqualTo(403);

        assertThat(seed.posts.count()).isEqualTo(1);
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @Test
    void aTokenThatDoesNotMatchTheCookieIsRefused() {
        browser.login();
        String token = browser.csrfToken();
        String other = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        assertThat(browser.post("/create", Map.of("title", "t", "body", "", "csrfToken", other)).status())
                .isEqualTo(403);
        browser.setCookie(Browser.CSRF_COOKIE, other);
        assertThat(browser.post("/create", Map.of("title", "t", "body", "", "csrfToken", other)).status())
                .as("a token whose signature does not match, even in both places").isEqualTo(403);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void aTokenBelongsToOneSession() {
        String beforeLogIn = browser.csrfToken();
        browser.login();
        String afterLogIn = browser.csrfToken();
        assertThat(afterLogIn).as("logging in starts a new session with a new token").isNotEqualTo(beforeLogIn);

        browser.setCookie(Browser.CSRF_COOKIE, beforeLogIn);
        assertThat(browser.post("/create", Map.of("title", "t", "body", "", "csrfToken", beforeLogIn)).status())
                .isEqualTo(403);

        Browser other = new Browser(client);
        other.login("other", "other");
        String theirs = other.csrfToken();
        browser.setCookie(Browser.CSRF_COOKIE, theirs);
        assertThat(browser.post("/create", Map.of("title", "t", "body", "", "csrfToken", theirs)).status())
                .as("another user's token, planted in both places").isEqualTo(403);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void aTokenFromBeforeLoggingOutIsRefusedAfterLoggingInAgain() {
        browser.login();
        String old = browser.csrfToken();
        browser.logout();
        browser.login();

        browser.setCookie(Browser.CSRF_COOKIE, old);
        assertThat(browser.post("/create", Map.of("title", "t", "body", "", "csrfToken", old)).status())
                .isEqualTo(403);
    }

    @Test
    void aRequestThatIsNotAFormNeedsTheTokenInItsHeader() {
        browser.login();

        Browser.Response withoutToken = browser.send(HttpRequest.create(HttpMethod.POST, "/1/delete"));
        Browser.Response wrongToken = browser.send(HttpRequest.create(HttpMethod.POST, "/1/delete")
                .header(Browser.CSRF_HEADER, "abc.def"));
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(seed.posts.count()).isEqualTo(1);

        Browser.Response withToken = browser.send(HttpRequest.create(HttpMethod.POST, "/1/delete")
                .header(Browser.CSRF_HEADER, browser.csrfToken()));
        assertThat(withToken.status()).isEqualTo(302);
        assertThat(seed.posts.count()).isZero();
    }

    @Test
    void aBodyOfAnotherKindReachesNoControllerWithOrWithoutAToken() {
        browser.login();

        Browser.Response json = browser.send(HttpRequest.POST("/create", "{\"title\":\"json\"}")
                .contentType(MediaType.APPLICATION_JSON_TYPE));
        Browser.Response plain = browser.send(HttpRequest.POST("/create", "title=plain")
                .contentType(MediaType.TEXT_PLAIN_TYPE));

        assertThat(json.status()).isEqualTo(415);
        assertThat(plain.status()).isEqualTo(415);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void loginRequiredStillComesFirst() {
        Browser.Response response = browser.postWithoutToken("/create", Map.of("title", "t", "body", ""));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/auth/login");
    }

    @Test
    void anotherInstanceWithTheSameSecretAcceptsTheTokenAndOneWithAnotherSecretDoesNot() {
        browser.login();
        String token = browser.csrfToken();
        Browser visitor = new Browser(client);
        String visitorsToken = visitor.csrfToken();
        String secretKey = "micronaut.security.token.jwt.signatures.secret.generator.secret";
        String sameSecret = context.getRequiredProperty(secretKey, String.class);
        DefaultHttpClientConfiguration noRedirects = new DefaultHttpClientConfiguration();
        noRedirects.setFollowRedirects(false);

        try (EmbeddedServer twin = ApplicationContext.run(EmbeddedServer.class,
                Map.of(secretKey, sameSecret, "micronaut.server.port", -1), "test");
             EmbeddedServer stranger = ApplicationContext.run(EmbeddedServer.class,
                     Map.of(secretKey, "a-different-secret-of-at-least-32-bytes!", "micronaut.server.port", -1),
                     "test");
             HttpClient toTwin = HttpClient.create(twin.getURL(), noRedirects);
             HttpClient toStranger = HttpClient.create(stranger.getURL(), noRedirects)) {
            Seed twinSeed = twin.getApplicationContext().getBean(Seed.class);
            Seed strangerSeed = stranger.getApplicationContext().getBean(Seed.class);
            twinSeed.reset();
            strangerSeed.reset();

            Browser.Response written = browser.sendVia(toTwin, form("/create", "title=on+the+twin&body=&csrfToken=" + token));
            Browser.Response registered = visitor.sendVia(toTwin,
                    form("/auth/register", "username=twin&password=pw&csrfToken=" + visitorsToken));
            Browser.Response refused = visitor.sendVia(toStranger,
                    form("/auth/register", "username=stranger&password=pw&csrfToken=" + visitorsToken));

            assertThat(written.status()).isEqualTo(302);
            assertThat(twinSeed.posts.count()).isEqualTo(2);
            assertThat(registered.status()).isEqualTo(302);
            assertThat(twinSeed.users.findByUsername(TestData.username("twin"))).isPresent();
            assertThat(refused.status()).isEqualTo(403);
            assertThat(strangerSeed.users.findByUsername(TestData.username("stranger"))).isEmpty();
        }
    }

    private static MutableHttpRequest<String> form(String path, String body) {
        return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }
}
