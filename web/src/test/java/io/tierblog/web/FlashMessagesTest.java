package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FlashMessagesTest {
    private static final String SECRET = "a-secret-for-flash-tests-at-least-32-bytes";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final FlashMessages flashes = new FlashMessages(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aMessageSurvivesTheRoundTrip() {
        String value = flashes.cookieFor("Café ☕ <ok>", HttpRequest.GET("/")).getValue();

        assertThat(flashes.verify(value)).contains("Café ☕ <ok>");
    }

    @Test
    void theCookieIsShortLivedHttpOnlyAndSiteWide() {
        Cookie cookie = flashes.cookieFor("hi", HttpRequest.GET("/"));

        assertThat(cookie.getName()).isEqualTo(FlashMessages.COOKIE_NAME);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getMaxAge()).isEqualTo(FlashMessages.LIFETIME.toSeconds());
        assertThat(cookie.getValue()).matches("[0-9]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+");
    }

    @Test
    void aChangedMessageIsRejected() {
        String[] parts = flashes.cookieFor("Post deleted.", HttpRequest.GET("/")).getValue().split("\\.");
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString("Post kept.".getBytes());

        assertThat(flashes.verify(parts[0] + "." + other + "." + parts[2])).isEmpty();
    }

    @Test
    void aLongerLifeIsRejected() {
        String[] parts = flashes.cookieFor("hi", HttpRequest.GET("/")).getValue().split("\\.");

        assertThat(flashes.verify((Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2])).isEmpty();
    }

    @Test
    void aForeignSignatureIsRejected() {
        FlashMessages stranger = new FlashMessages("another-secret-entirely-and-32-bytes-long",
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(flashes.verify(stranger.cookieFor("hi", HttpRequest.GET("/")).getValue())).isEmpty();
    }

    @Test
    void anExpiredMessageIsRejected() {
        String value = flashes.cookieFor("hi", HttpRequest.GET("/")).getValue();
        FlashMessages later = new FlashMessages(SECRET,
                Clock.fixed(NOW.plus(FlashMessages.LIFETIME).plus(Duration.ofSeconds(1)), ZoneOffset.UTC));

        assertThat(later.verify(value)).isEmpty();
    }

    @Test
    void garbageIsRejected() {
        assertThat(flashes.verify("")).isEmpty();
        assertThat(flashes.verify("nonsense")).isEmpty();
        assertThat(flashes.verify("1.2.3")).isEmpty();
        assertThat(flashes.verify("..")).isEmpty();
        assertThat(flashes.verify("x.y.!!!")).isEmpty();
    }
}
