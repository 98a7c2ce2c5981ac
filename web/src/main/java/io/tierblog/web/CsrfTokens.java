package io.tierblog.web;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.csrf.generator.CsrfTokenGenerator;
import io.micronaut.security.csrf.repository.CsrfTokenRepository;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CSRF tokens from Micronaut Security's CSRF module, used as a signed double-submit token:
 * {@code <HMAC>.<random>}, the HMAC taken with the application's secret over the random value and
 * the session's id (the log-in token's {@code jti}; empty for visitors who are not logged in).
 * The token rides in an HttpOnly cookie and in a hidden field of every form; a post is accepted
 * only when both are present, equal, and the HMAC matches the session the post arrives with. No
 * server keeps anything, so any instance sharing {@code SECRET_KEY} checks any token, and a token
 * minted for one session (or before logging in) is worthless in another.
 */
@Singleton
final class CsrfTokens {
    /** The form field, model key and (for non-form requests) header carrying the token. */
    static final String FIELD = "csrfToken";
    /** What a token looks like; anything else is refused without further work or logging. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,128}\\.[A-Za-z0-9_-]{1,128}");

    private final CsrfTokenGenerator<HttpRequest<?>> generator;
    private final CsrfTokenValidator<HttpRequest<?>> validator;
    private final CsrfTokenRepository<HttpRequest<?>> cookies;
    private final CsrfConfiguration configuration;
    private final RequestOrigin origin;

    CsrfTokens(CsrfTokenGenerator<HttpRequest<?>> generator, CsrfTokenValidator<HttpRequest<?>> validator,
               CsrfTokenRepository<HttpRequest<?>> cookies, CsrfConfiguration configuration, RequestOrigin origin) {
        String key = configuration.getSecretKey();
        if (key == null || key.length() < 32) {
            throw new ConfigurationException("micronaut.security.csrf.signature-key must be set (32 characters or"
                    + " more): without it CSRF tokens carry no signature");
        }
        if (!FIELD.equals(configuration.getFieldName())) {
            throw new ConfigurationException("micronaut.security.csrf.field-name must stay " + FIELD);
        }
        this.generator = generator;
        this.validator = validator;
        this.cookies = cookies;
        this.configuration = configuration;
        this.origin = origin;
    }

    /** The token a form on this page carries, and the cookie to set when a new one had to be made. */
    record FormToken(String value, @Nullable Cookie cookie) {
    }

    /**
     * The token for the forms of a page: the one in the request's cookie while it is still good for
     * this session (so several open tabs keep working), else a new one with its cookie.
     */
    FormToken forForm(HttpRequest<?> request) {
        Optional<String> current = cookies.findCsrfToken(request);
        if (current.isPresent() && accepts(request, current.get())) {
            return new FormToken(current.get(), null);
        }
        String token = generator.generateCsrfToken(request);
        return new FormToken(token, cookie(token, request));
    }

    /** True when {@code submitted} matches the request's CSRF cookie and was minted for its session. */
    boolean accepts(HttpRequest<?> request, @Nullable String submitted) {
        return submitted != null && SHAPE.matcher(submitted).matches()
                && validator.validateCsrfToken(request, submitted);
    }

    String headerName() {
        return configuration.getHeaderName();
    }

    private Cookie cookie(String token, HttpRequest<?> request) {
        Cookie cookie = Cookie.of(configuration.getCookieName(), token)
                .path(configuration.getCookiePath().orElse("/"))
                .httpOnly(configuration.isCookieHttpOnly().orElse(true))
                .sameSite(configuration.getCookieSameSite().orElse(SameSite.Lax))
                .secure(origin.isSecure(request));
        configuration.getCookieDomain().ifPresent(cookie::domain);
        configuration.getCookieMaxAge().ifPresent(age -> cookie.maxAge(Duration.from(age)));
        return cookie;
    }
}
