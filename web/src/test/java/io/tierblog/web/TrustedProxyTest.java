package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy (here the tests' own address), HTTPS as the proxy reports it earns HSTS
 * and Secure cookies, and the client the proxy names is the one the throttle counts.
 */
@MicronautTest
@Property(name = "tierblog.web.trusted-proxies", value = "127.0.0.1,::1")
class TrustedProxyTest extends BrowserTest {
    @BeforeEach
    void throughTheProxy() {
        browser.setHeader("X-Forwarded-Proto", "https");
    }

    @Test
    void httpsThroughTheProxyEarnsHsts() {
        Browser.Response response = browser.get("/");

        assertThat(response.headers().get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }

    @Test
    void httpThroughTheProxyDoesNot() {
        browser.setHeader("X-Forwarded-Proto", "http");

        assertThat(browser.get("/").headers().get("Strict-Transport-Security")).isNull();
        assertThat(browser.login().setCookie("JWT")).doesNotContainIgnoringCase("Secure");
    }

    @Test
    void everyCookieIsSecureOverHttps() {
        Browser.Response form = browser.get("/auth/login");
        Browser.Response login = browser.login();
        Browser.Response created = browser.post("/create", java.util.Map.of("title", "t", "body", ""));
        Browser.Response logout = browser.logout();

        assertThat(form.setCookie(Browser.CSRF_COOKIE)).containsIgnoringCase("Secure");
        assertThat(login.setCookie("JWT")).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");
        assertThat(created.setCookie(FlashMessages.COOKIE_NAME)).containsIgnoringCase("Secure");
        assertThat(logout.setCookie("JWT")).containsIgnoringCase("Max-Age=0");
    }

    @Test
    void theClientIsTheAddressTheProxyNamesSoOneAddressIsThrottledAndAnotherIsNot() {
        for (int i = 0; i < 20; i++) {
            browser.setHeader("X-Forwarded-For", "203.0.113.9");
            assertThat(browser.login("nobody" + i, "x").status()).isEqualTo(200);
        }

        assertThat(browser.login("nobody-else", "x").status()).isEqualTo(429);
        browser.setHeader("X-Forwarded-For", "203.0.113.9, 198.51.100.4");
        assertThat(browser.login("nobody-else", "x").status())
                .as("the right-most address the trusted proxy appended is the client").isEqualTo(200);
        browser.setHeader("X-Forwarded-For", "198.51.100.77, 203.0.113.9");
        assertThat(browser.login("nobody-else", "x").status())
                .as("what the client wrote to the left does not help it").isEqualTo(429);
    }

    @Test
    void aSecureRequestStillNeedsItsToken() {
        Browser.Response refused = browser.send(HttpRequest.POST("/auth/login", "username=test&password=test")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));

        assertThat(refused.status()).isEqualTo(403);
    }
}
