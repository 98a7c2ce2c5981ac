package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Repeated failed log-ins are slowed down and then refused with 429 and the form, for a while. */
@MicronautTest
class LoginThrottleWebTest extends BrowserTest {
    @Test
    void afterThreeFailuresTheNextAttemptMustWaitAndIsToldSo() {
        for (int i = 0; i < 3; i++) {
            assertThat(browser.login("test", "wrong").html().select(".flash.error").text())
                    .isEqualTo("Incorrect password.");
        }

        Browser.Response refused = browser.login("test", "test");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().get("Retry-After")).isEqualTo("1");
        Document page = refused.html();
        assertThat(page.select(".flash.error").text())
                .isEqualTo("Too many failed log-ins. Please wait 1 second and try again.");
        assertThat(page.select("input[name=username]").attr("value")).isEqualTo("test");
        assertThat(page.select("input[name=csrfToken]").attr("value")).isNotEmpty();
        assertThat(refused.setCookie("JWT")).isNull();

        seed.throttleClock.advance(Duration.ofSeconds(1));
        assertThat(browser.login("test", "test").status()).isEqualTo(302);
    }

    @Test
    void tenFailuresPauseLoggingInForAQuarterOfAnHourThenTheRealUserGetsIn() {
        for (int i = 0; i < 10; i++) {
            assertThat(browser.login("test", "guess" + i).status()).isEqualTo(200);
            seed.throttleClock.advance(Duration.ofMinutes(1));
        }
        seed.throttleClock.advance(Duration.ofMinutes(-1));

        Browser.Response locked = new Browser(client).login("test", "test");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.headers().get("Retry-After")).isEqualTo("900");
        assertThat(locked.html().select(".flash.error").text()).isEqualTo(
                "Too many failed log-ins. Logging in is paused for 15 minutes; please try again later.");
        assertThat(browser.login("other", "other").status()).as("other users are not affected").isEqualTo(302);

        seed.throttleClock.advance(Duration.ofMinutes(15));
        assertThat(new Browser(client).login("test", "test").status()).isEqualTo(302);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedClientChangesNothing() {
        for (int i = 0; i < 20; i++) {
            browser.setHeader("X-Forwarded-For", "192.0.2." + i);
            assertThat(browser.login("nobody" + i, "x").status()).isEqualTo(200);
        }

        browser.setHeader("X-Forwarded-For", "192.0.2.200");
        assertThat(browser.login("nobody-else", "x").status()).isEqualTo(429);
    }
}
