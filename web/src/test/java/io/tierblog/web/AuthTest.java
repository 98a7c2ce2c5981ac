package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.User;
import io.tierblog.domain.testing.TestData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** flaskr's tests/test_auth.py, and what a token in a cookie adds to it. */
@MicronautTest
class AuthTest extends BrowserTest {
    @Inject
    JsonMapper json;


    /** test_register. */
    @Test
    void register() {
        assertThat(browser.get("/auth/register").status()).isEqualTo(200);

        Browser.Response response = browser.post("/auth/register", Map.of("username", "a", "password", "a"));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/auth/login");
        User a = seed.users.findByUsername(TestData.username("a")).orElseThrow();
        assertThat(seed.hasher.matches(new Password("a"), a.passwordHash())).isTrue();
    }

    /** test_register_validate_input. */
    @ParameterizedTest
    @CsvSource(value = {
        "'',     '',     Username is required.",
        "a,      '',     Password is required.",
        "test,   test,   User test is already registered.",
    })
    void registerValidatesInput(String username, String password, String message) {
        Browser.Response response = browser.post("/auth/register",
                Map.of("username", username, "password", password));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains(message);
        assertThat(response.html().select(".flash.error").text()).isEqualTo(message);
    }

    @Test
    void registerWithoutAnyFieldsSaysTheUsernameIsRequired() {
        Browser.Response response = browser.post("/auth/register");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.html().select(".flash.error").text()).isEqualTo("Username is required.");
    }

    @Test
    void aRefusedRegistrationKeepsTheUsernameButNeverThePassword() {
        Browser.Response response = browser.post("/auth/register",
                Map.of("username", "test", "password", "s3cret-typed"));

        Document page = response.html();
        assertThat(page.select("input[name=username]").attr("value")).isEqualTo("test");
        assertThat(page.select("input[name=password]").hasAttr("value")).isFalse();
        assertThat(response.body()).doesNotContain("s3cret-typed");
    }

    @Test
    void usernamesAreCaseSensitive() {
        Browser.Response registered = browser.post("/auth/register", Map.of("username", "Test", "password", "x"));
        assertThat(registered.status()).isEqualTo(302);

        assertThat(browser.login("TEST", "test").body()).contains("Incorrect username.");
        assertThat(browser.login("Test", "test").body()).contains("Incorrect password.");
        assertThat(browser.login("Test", "x").status()).isEqualTo(302);
    }

    @Test
    void registrationLeavesAOneTimeMessageForTheLogInPage() {
        browser.post("/auth/register", Map.of("username", "a", "password", "a"));

        Browser.Response login = browser.get("/auth/login");
        assertThat(login.html().select(".flash:not(.error)").text()).isEqualTo(AuthController.REGISTERED);
        assertThat(browser.get("/auth/login").body()).doesNotContain(AuthController.REGISTERED);
    }

    /** test_login: the token names user 1, "test", and the pages know the user from it. */
    @Test
    void login() throws IOException {
        assertThat(browser.get("/auth/login").status()).isEqualTo(200);

        Browser.Response response = browser.login();

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/");
        String setCookie = response.setCookie("JWT");
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .containsIgnoringCase("Path=/").containsIgnoringCase("Max-Age=86400")
                .as("plain HTTP from an untrusted peer").doesNotContainIgnoringCase("Secure");
        Map<?, ?> claims = claims(browser.cookie("JWT"));
        assertThat(claims.get("sub")).isEqualTo("test");
        assertThat(((Number) claims.get("uid")).longValue()).isEqualTo(1L);

        Document index = browser.get("/").html();
        assertThat(index.select("nav .viewer").text()).isEqualTo("test");
        assertThat(index.select("nav a[href=/auth/logout]").text()).isEqualTo("Log Out");
        assertThat(index.select("nav a[href=/auth/login]")).isEmpty();
    }

    @Test
    void everyLogInIssuesANewTokenWithItsOwnIdAndABoundedLifetime() throws IOException {
        browser.login();
        String first = browser.cookie("JWT");
        browser.login();
        String second = browser.cookie("JWT");

        assertThat(second).isNotEqualTo(first);
        Map<?, ?> firstClaims = claims(first);
        Map<?, ?> secondClaims = claims(second);
        assertThat(firstClaims.get("jti")).isNotNull().isNotEqualTo(secondClaims.get("jti"));
        long lifetime = ((Number) secondClaims.get("exp")).longValue() - ((Number) secondClaims.get("iat")).longValue();
        assertThat(lifetime).isEqualTo(86_400L);
    }

    /** test_login_validate_input. */
    @ParameterizedTest
    @CsvSource({
        "a,    test, Incorrect username.",
        "test, a,    Incorrect password.",
    })
    void loginValidatesInput(String username, String password, String message) {
        Browser.Response response = browser.login(username, password);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains(message);
        assertThat(response.setCookie("JWT")).isNull();
        assertThat(response.html().select("input[name=username]").attr("value")).isEqualTo(username);
        assertThat(response.body()).doesNotContain("value=\"" + password + "\"");
    }

    @Test
    void loginWithoutAnyFieldsIsAnIncorrectUsername() {
        Browser.Response response = browser.post("/auth/login");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.html().select(".flash.error").text()).isEqualTo("Incorrect username.");
    }

    /** test_logout: the token cookie is cleared and the pages are anonymous again. */
    @Test
    void logout() {
        browser.login();
        assertThat(browser.cookie("JWT")).isNotNull();

        Browser.Response response = browser.logout();

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).isEqualTo("/");
        assertThat(response.setCookie("JWT")).containsIgnoringCase("Max-Age=0");
        assertThat(browser.cookie("JWT")).isNull();
        Document index = browser.get("/").html();
        assertThat(index.select("nav a[href=/auth/login]").text()).isEqualTo("Log In");
        assertThat(index.select("nav .viewer")).isEmpty();
    }

    @Test
    void aTamperedTokenIsTreatedAsAnonymous() {
        browser.login();
        String token = browser.cookie("JWT");
        String[] parts = token.split("\\.");
        // Claim to be user 2 ("other") without the secret: same signature, different payload.
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"uid\":1", "\"uid\":2").replace("\"sub\":\"test\"", "\"sub\":\"other\"")
                        .getBytes(StandardCharsets.UTF_8));
        browser.setCookie("JWT", parts[0] + "." + forgedPayload + "." + parts[2]);

        Document index = browser.get("/").html();
        assertThat(index.select("nav a[href=/auth/login]").text()).isEqualTo("Log In");
        assertThat(index.select("nav .viewer")).isEmpty();
        Browser.Response create = browser.get("/create");
        assertThat(create.status()).isEqualTo(302);
        assertThat(create.location()).isEqualTo("/auth/login");

        browser.setCookie("JWT", token.substring(0, token.length() - 2) + "xx");
        assertThat(browser.get("/").html().select("nav .viewer")).isEmpty();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsTreatedAsAnonymous() {
        String header = base64("{\"alg\":\"HS256\"}");
        String payload = base64("{\"sub\":\"test\",\"uid\":1,\"exp\":4102444800}");
        browser.setCookie("JWT", header + "." + payload + "." + base64("not-the-signature"));

        assertThat(browser.get("/").html().select("nav .viewer")).isEmpty();
        assertThat(browser.post("/create", Map.of("title", "t", "body", "b")).location()).isEqualTo("/auth/login");
        assertThat(seed.posts.count()).isEqualTo(1);
    }

    @Test
    void securitysOwnLoginAndLogoutEndpointsDoNotExist() {
        assertThat(browser.post("/login", Map.of("username", "test", "password", "test")).status()).isEqualTo(404);
        assertThat(browser.get("/logout").status()).isEqualTo(404);
        assertThat(browser.post("/logout", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void theDatabaseBeingDownKeepsTheRegisterFormAndSaysNothingWasSaved() {
        seed.outage.databaseDown();

        Browser.Response response = browser.post("/auth/register", Map.of("username", "newbie", "password", "pw"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo(ErrorPages.RETRY_AFTER_SECONDS);
        assertThat(response.html().select(".flash.error").text()).isEqualTo(AuthController.REGISTER_UNAVAILABLE);
        assertThat(response.html().select("input[name=username]").attr("value")).isEqualTo("newbie");
        seed.outage.end();
        assertThat(seed.users.findByUsername(TestData.username("newbie"))).isEmpty();
    }

    @Test
    void theDatabaseBeingDownKeepsTheLoginFormWithoutLoggingIn() {
        seed.outage.databaseDown();

        Browser.Response response = browser.login();

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.html().select(".flash.error").text()).isEqualTo(AuthController.LOGIN_UNAVAILABLE);
        assertThat(response.html().select("input[name=username]").attr("value")).isEqualTo("test");
        assertThat(response.setCookie("JWT")).isNull();
    }

    private Map<?, ?> claims(String jwt) throws IOException {
        byte[] payload = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return json.readValue(payload, Map.class);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
