package io.tierblog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signed cookie that carries a writer's read position to their next requests. */
class ReadPositionCookieTest {
    private static final String SECRET = "a-secret-for-read-position-tests-32-bytes";
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final ReadPositionCookie cookies = new ReadPositionCookie(SECRET, Clock.fixed(NOW, ZoneOffset.UTC),
            RequestOrigin.direct());

    private Cookie written(String position, Duration lifetime) {
        MutableHttpRequest<?> request = HttpRequest.POST("/create", "");
        ReadPositions.wrote(request, position, lifetime);
        MutableHttpResponse<?> response = HttpResponse.redirect(java.net.URI.create("/"));
        cookies.keepPosition(request, response);
        return response.getCookie(ReadPositionCookie.COOKIE_NAME).orElseThrow();
    }

    private MutableHttpRequest<?> nextRequest(String value) {
        MutableHttpRequest<?> request = HttpRequest.GET("/");
        cookies.readPosition(request, java.util.Optional.of(value));
        return request;
    }

    @Test
    void aWrittenPositionComesBackOnTheNextRequest() {
        Cookie cookie = written("16/B374D848", Duration.ofSeconds(9));
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getMaxAge()).isEqualTo(9);
        assertThat(ReadPositions.required(nextRequest(cookie.getValue()))).hasValue("16/B374D848");
    }

    @Test
    void aRequestThatWroteNothingSetsNoCookie() {
        MutableHttpResponse<?> response = HttpResponse.ok();
        cookies.keepPosition(HttpRequest.GET("/"), response);
        assertThat(response.getCookie(ReadPositionCookie.COOKIE_NAME)).isEmpty();
        assertThat(ReadPositions.required(HttpRequest.GET("/"))).isEmpty();
    }

    @Test
    void anExpiredPositionIsIgnored() {
        ReadPositionCookie later = new ReadPositionCookie(SECRET, Clock.fixed(NOW.plusSeconds(10), ZoneOffset.UTC),
                RequestOrigin.direct());
        String value = written("0/3000000", Duration.ofSeconds(9)).getValue();
        assertThat(later.verify(value)).isEmpty();
        assertThat(cookies.verify(value)).hasValue("0/3000000");
    }

    @Test
    void aChangedPositionOrALongerLifeIsIgnored() {
        String[] parts = written("0/3000000", Duration.ofSeconds(9)).getValue().split("\\.");
        String other = Base64.getUrlEncoder().withoutPadding().encodeToString("0/1".getBytes());
        assertThat(ReadPositions.required(nextRequest(parts[0] + "." + other + "." + parts[2]))).isEmpty();
        assertThat(ReadPositions.required(nextRequest((Long.parseLong(parts[0]) + 3600) + "." + parts[1] + "." + parts[2])))
                .isEmpty();
    }

    @Test
    void anotherSecretsCookieIsIgnored() {
        ReadPositionCookie stranger = new ReadPositionCookie("another-secret-entirely-and-32-bytes-long",
                Clock.fixed(NOW, ZoneOffset.UTC), RequestOrigin.direct());
        String value = stranger.cookieFor("0/1", Duration.ofSeconds(9), HttpRequest.GET("/")).getValue();
        assertThat(cookies.verify(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "1.2.3", "x.MC8x.AAAA", "9999999999.MC8x", "9999999999..AAAA",
            "9999999999.%%%.AAAA", "9999999999.MC8x.!!", ".MC8x.AAAA"})
    void aMalformedCookieIsIgnored(String value) {
        assertThat(ReadPositions.required(nextRequest(value))).isEmpty();
    }

    @Test
    void anOverlongCookieIsIgnoredUnread() {
        assertThat(cookies.verify("9".repeat(10_000))).isEmpty();
    }

    @Test
    void onlyAShortPrintablePositionForAWhileCanBeWritten() {
        MutableHttpRequest<?> request = HttpRequest.GET("/");
        assertThatThrownBy(() -> ReadPositions.wrote(request, "", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadPositions.wrote(request, "a.b", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadPositions.wrote(request, "x".repeat(65), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadPositions.wrote(request, "0/1", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        ReadPositions.wrote(request, "0/1", Duration.ofDays(1));
        MutableHttpResponse<?> response = HttpResponse.ok();
        cookies.keepPosition(request, response);
        assertThat(response.getCookie(ReadPositionCookie.COOKIE_NAME).orElseThrow().getMaxAge())
                .as("at most an hour").isEqualTo(3600);
    }
}
