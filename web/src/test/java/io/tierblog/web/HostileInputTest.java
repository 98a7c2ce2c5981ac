package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PostBody;
import io.tierblog.domain.model.PostId;
import io.tierblog.domain.model.Title;
import io.tierblog.domain.model.Username;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a hostile or broken client may send never costs a 5xx: each gets a clear message or
 * status, and nothing is stored half-way.
 */
@MicronautTest
class HostileInputTest extends BrowserTest {
    @Inject
    EmbeddedServer server;


    static Stream<Arguments> controlCharacters() {
        String badName = "Username may not contain control characters.";
        return Stream.of(
                Arguments.of("a\u0000b", "pw", badName),
                Arguments.of("bell\u0007", "pw", badName),
                Arguments.of("esc\u001b[31m", "pw", badName),
                Arguments.of("two\nlines", "pw", badName),
                Arguments.of("cr\rhere", "pw", badName),
                Arguments.of("del\u007f", "pw", badName),
                Arguments.of("ok", "nul\u0000pw", "Password may not contain NUL or invalid characters."));
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void controlCharactersAndNulAreRefusedAtRegistration(String username, String password, String message) {
        Browser.Response response = browser.post("/auth/register", Map.of("username", username, "password", password));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.html().select(".flash.error").text()).isEqualTo(message);
        assertThat(seed.users.count()).isEqualTo(2);
    }

    @Test
    void nulInALogInIsJustAnIncorrectUsername() {
        Browser.Response response = browser.login("te\u0000st", "test");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.html().select(".flash.error").text()).isEqualTo("Incorrect username.");
    }

    @Test
    void overLongFieldsAreRefusedWithTheirMaximum() {
        assertThat(register("u".repeat(Username.MAX_LENGTH + 1), "pw"))
                .isEqualTo("Username must be at most " + Username.MAX_LENGTH + " characters.");
        assertThat(register("long-password", "p".repeat(Password.MAX_LENGTH + 1)))
                .isEqualTo("Password must be at most " + Password.MAX_LENGTH + " characters.");
        assertThat(seed.users.findByUsername(TestData.username("long-password"))).isEmpty();

        browser.login();
        Browser.Response body = browser.post("/create", Map.of("title", "t", "body", "b".repeat(PostBody.MAX_LENGTH + 1)));
        assertThat(body.html().select(".flash.error").text())
                .isEqualTo("Body must be at most " + PostBody.MAX_LENGTH + " characters.");
        Browser.Response title = browser.post("/1/update", Map.of("title", "t".repeat(Title.MAX_LENGTH + 1), "body", ""));
        assertThat(title.html().select(".flash.error").text())
                .isEqualTo("Title must be at most " + Title.MAX_LENGTH + " characters.");
        assertThat(seed.posts.count()).isEqualTo(1);
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @Test
    void anOverLongPasswordAtLogInIsNeverHashed() {
        int checks = seed.hasher.matchCalls();

        Browser.Response response = browser.login("test", "p".repeat(100_000));

        assertThat(response.html().select(".flash.error").text()).isEqualTo("Incorrect password.");
        assertThat(seed.hasher.matchCalls()).isEqualTo(checks);
    }

    @Test
    void nulAndControlCharactersInPostsAreRefused() {
        browser.login();

        assertThat(browser.post("/create", Map.of("title", "a\u0000b", "body", "")).html().select(".flash.error").text())
                .isEqualTo("Title may not contain control characters.");
        assertThat(browser.post("/create", Map.of("title", "t", "body", "a\u0000b")).html().select(".flash.error").text())
                .isEqualTo("Body may not contain control characters.");
        assertThat(browser.post("/1/update", Map.of("title", "tab\there", "body", "")).html().select(".flash.error")
                .text()).isEqualTo("Title may not contain control characters.");
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF%FE", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%zz", "%", "%4"})
    void aFormThatIsNotUtf8IsABadRequestAndChangesNothing(String title) {
        browser.login();
        String token = browser.csrfToken();

        Browser.Response response = browser.send(HttpRequest.POST("/create", "title=" + title + "&body=x&csrfToken="
                + token).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.html().select("main .message").text()).isEqualTo(FormPostGuard.NOT_UTF8);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C328", "C3A9", "0D", "0A", "00", "09", "7F"})
    void rawBytesThatABrowserWouldHaveEncodedAreABadRequest(String hex) throws Exception {
        String token = browser.csrfToken();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("csrfToken=" + token + "&password=pw&username=a").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(java.util.HexFormat.of().parseHex(hex));
        body.writeBytes("b".getBytes(StandardCharsets.US_ASCII));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/auth/register"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", Browser.CSRF_COOKIE + "=" + browser.cookie(Browser.CSRF_COOKIE))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();

        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(FormPostGuard.NOT_UTF8);
        assertThat(seed.users.count()).isEqualTo(2);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithAPageAndChangesNothing() {
        browser.login();
        String huge = "title=big&body=" + "x".repeat(2 * 1024 * 1024) + "&csrfToken=" + browser.csrfToken();

        Browser.Response response = browser.send(HttpRequest.POST("/create", huge)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().get("Content-Security-Policy")).isEqualTo(SecurityHeadersFilter.DEFAULT_POLICY);
        assertThat(response.html().select("main h1").text()).isEqualTo("Request Too Large");
        assertThat(response.html().select("main .message").text()).isEqualTo(FormPostGuard.TOO_LARGE);
        assertThat(seed.posts.count()).isEqualTo(1);
        assertThat(browser.get("/").status()).as("the server keeps answering").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%FF/update", "/%00/update", "/1%00/update", "/%EF%BC%91/update", "/1%2F1/update",
        "/-9223372036854775808/update", "/00000000000000000001/update"})
    void strangeIdsAreNotFound(String path) {
        browser.login();

        Browser.Response get = browser.get(path);
        Browser.Response post = browser.post(path, Map.of("title", "x", "body", ""));

        assertThat(get.status()).isEqualTo(404);
        assertThat(post.status()).isEqualTo(404);
        assertThat(seed.posts.findById(new PostId(1)).orElseThrow().title().value()).isEqualTo("test title");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%FF", "%00", "1%00-1", "%C3%28"})
    void aCursorThatIsNotUtf8OrHasNulIsABadRequest(String cursor) {
        Browser.Response response = browser.get("/?after=" + cursor);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.html().select("main .message").text()).isEqualTo(BlogController.BAD_CURSOR);
    }

    @ParameterizedTest
    @CsvSource({"PUT, /create", "PATCH, /1/update", "DELETE, /1/update", "PUT, /", "DELETE, /auth/login",
        "PUT, /auth/register", "OPTIONS, /create", "TRACE, /"})
    void unknownMethodsAreNotAllowed(String method, String path) {
        browser.login();

        Browser.Response response = browser.send(HttpRequest.create(HttpMethod.parse(method), path)
                .header(Browser.CSRF_HEADER, browser.csrfToken()));

        assertThat(response.status()).isEqualTo(405);
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void aMadeUpMethodIsNotAllowedEither() {
        Browser.Response response = browser.send(HttpRequest.create(HttpMethod.CUSTOM, "/create", "BREW"));

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void anAbsurdlyLongAddressIsRefusedWithoutA5xx() {
        Browser.Response response = browser.get("/" + "a".repeat(20_000));

        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(browser.get("/").status()).isEqualTo(200);
    }

    private String register(String username, String password) {
        return browser.post("/auth/register", Map.of("username", username, "password", password))
                .html().select(".flash.error").text();
    }
}
