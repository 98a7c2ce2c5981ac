package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * One-time messages that survive a redirect without server state: the message rides in a
 * short-lived, HttpOnly cookie signed with HMAC-SHA256 under the application's secret. A cookie
 * whose signature does not match, or whose time is up, is ignored.
 *
 * <p>Cookie value: {@code <expiry epoch seconds>.<base64url message>.<base64url signature>}.
 */
@Singleton
final class FlashMessages {
    static final String COOKIE_NAME = "flash";
    static final Duration LIFETIME = Duration.ofMinutes(1);

    /** Keeps these signatures apart from anything else signed with the same secret. */
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final CookieSigner signer;
    private final Clock clock;
    private final RequestOrigin origin;

    @Inject
    FlashMessages(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}") String secret,
                  RequestOrigin origin) {
        this(secret, Clock.systemUTC(), origin);
    }

    FlashMessages(String secret, Clock clock) {
        this(secret, clock, RequestOrigin.direct());
    }

    FlashMessages(String secret, Clock clock, RequestOrigin origin) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the signing secret is empty");
        }
        this.signer = new CookieSigner(secret, "tierblog-flash");
        this.clock = clock;
        this.origin = origin;
    }

    /** The cookie that carries {@code message} to the next page shown. */
    Cookie cookieFor(String message, HttpRequest<?> request) {
        long expires = clock.instant().plus(LIFETIME).getEpochSecond();
        String payload = expires + "." + ENCODER.encodeToString(message.getBytes(StandardCharsets.UTF_8));
        return configure(Cookie.of(COOKIE_NAME, payload + "." + ENCODER.encodeToString(signer.sign(payload))), request)
                .maxAge(LIFETIME);
    }

    /** The cookie that removes a flash once it has been shown (or found unusable). */
    Cookie cleared(HttpRequest<?> request) {
        return configure(Cookie.of(COOKIE_NAME, ""), request).maxAge(0);
    }

    boolean isPresent(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE_NAME).isPresent();
    }

    /** The message in the request's flash cookie, if it is there, unexpired and signed by us. */
    Optional<String> read(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE_NAME).map(Cookie::getValue).flatMap(this::verify);
    }

    Optional<String> verify(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        if (lastDot <= 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, lastDot);
        byte[] signature;
        try {
            signature = DECODER.decode(value.substring(lastDot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (!signer.signed(payload, signature)) {
            return Optional.empty();
        }
        int firstDot = payload.indexOf('.');
        if (firstDot <= 0) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(payload.substring(0, firstDot));
            if (clock.instant().getEpochSecond() > expires) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODER.decode(payload.substring(firstDot + 1)), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }


    private Cookie configure(Cookie cookie, HttpRequest<?> request) {
        return cookie.path("/").httpOnly(true).secure(origin.isSecure(request)).sameSite(SameSite.Lax);
    }
}
