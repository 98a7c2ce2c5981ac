package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.filter.ServerFilterPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Carries a visitor's read position ({@link ReadPositions}) from the request that wrote to the
 * ones after it, in a cookie signed with HMAC-SHA256 under the application's secret, HttpOnly,
 * {@code SameSite=Lax}, expiring with the position. A cookie that is malformed, forged or expired
 * is ignored: the visitor is then treated as one who wrote nothing lately.
 *
 * <p>Cookie value: {@code <expiry epoch seconds>.<base64url position>.<base64url signature>}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ReadPositionCookie implements Ordered {
    static final String COOKIE_NAME = "read-position";

    /** Keeps these signatures apart from the flash cookie's and anything else signed with the same secret. */
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_VALUE_LENGTH = 200;

    private final CookieSigner signer;
    private final Clock clock;
    private final RequestOrigin origin;

    @Inject
    ReadPositionCookie(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}") String secret,
                       RequestOrigin origin) {
        this(secret, Clock.systemUTC(), origin);
    }

    ReadPositionCookie(String secret, Clock clock, RequestOrigin origin) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the signing secret is empty");
        }
        this.signer = new CookieSigner(secret, "tierblog-read-position");
        this.clock = clock;
        this.origin = origin;
    }

    @RequestFilter
    void readPosition(HttpRequest<?> request) {
        readPosition(request, request.getCookies().findCookie(COOKIE_NAME).map(Cookie::getValue));
    }

    /** Puts the position of a valid cookie value on the request, for {@link ReadPositions#required}. */
    void readPosition(HttpRequest<?> request, Optional<String> cookieValue) {
        cookieValue.flatMap(this::verify).ifPresent(position -> request.setAttribute(ReadPositions.REQUIRED, position));
    }

    @ResponseFilter
    void keepPosition(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<String> written = request.getAttribute(ReadPositions.WRITTEN, String.class);
        if (written.isPresent()) {
            Duration lifetime = request.getAttribute(ReadPositions.WRITTEN_LIFETIME, Duration.class)
                    .orElse(Duration.ofMinutes(1));
            response.cookie(cookieFor(written.get(), lifetime, request));
        }
    }

    Cookie cookieFor(String position, Duration lifetime, HttpRequest<?> request) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String payload = expires + "." + ENCODER.encodeToString(position.getBytes(StandardCharsets.US_ASCII));
        return Cookie.of(COOKIE_NAME, payload + "." + ENCODER.encodeToString(signer.sign(payload)))
                .path("/").httpOnly(true).secure(origin.isSecure(request)).sameSite(SameSite.Lax).maxAge(lifetime);
    }

    /** The position in a cookie value, if it is well formed, signed by this secret and not expired. */
    Optional<String> verify(String value) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return Optional.empty();
        }
        int lastDot = value.lastIndexOf('.');
        int firstDot = value.indexOf('.');
        if (firstDot <= 0 || lastDot <= firstDot) {
            return Optional.empty();
        }
        String payload = value.substring(0, lastDot);
        try {
            byte[] signature = DECODER.decode(value.substring(lastDot + 1));
            if (!signer.signed(payload, signature)) {
                return Optional.empty();
            }
            long expires = Long.parseLong(payload.substring(0, firstDot));
            if (clock.instant().getEpochSecond() > expires) {
                return Optional.empty();
            }
            String position = new String(DECODER.decode(payload.substring(firstDot + 1)), StandardCharsets.US_ASCII);
            return position.isEmpty() ? Optional.empty() : Optional.of(position);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }


    /** Inside the security headers filter, so its cookie goes out on every kind of answer. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
