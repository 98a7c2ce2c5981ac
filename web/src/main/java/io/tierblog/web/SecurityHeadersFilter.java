package io.tierblog.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;
import java.time.Duration;

/**
 * The one filter that gives every response (pages, static files, redirects, error pages) the
 * browser-side defences:
 * <ul>
 *   <li>a Content-Security-Policy that allows scripts, styles and images from this site only, no
 *   inline script, style or event handler, no plug-ins, no {@code <base>}, forms posting to this
 *   site only, and no framing ({@code frame-ancestors 'none'}); set
 *   {@code tierblog.web.content-security-policy} to change it;</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} for browsers that
 *   predate {@code frame-ancestors}, {@code Referrer-Policy: same-origin} and
 *   {@code Cross-Origin-Opener-Policy: same-origin};</li>
 *   <li>{@code Strict-Transport-Security} when the request came over HTTPS (directly or through a
 *   trusted proxy), for {@code tierblog.web.hsts-max-age} (a year; zero turns it off).</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered {
    static final String DEFAULT_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            + "object-src 'none'; frame-ancestors 'none'";

    private final String contentSecurityPolicy;
    private final String strictTransportSecurity;
    private final RequestOrigin origin;

    SecurityHeadersFilter(@Nullable @Value("${tierblog.web.content-security-policy:}") String policy,
                          @Value("${tierblog.web.hsts-max-age:365d}") Duration hstsMaxAge,
                          RequestOrigin origin) {
        this.contentSecurityPolicy = policy == null || policy.isBlank() ? DEFAULT_POLICY : policy.trim();
        this.strictTransportSecurity = hstsMaxAge.isZero() || hstsMaxAge.isNegative()
                ? null : "max-age=" + hstsMaxAge.toSeconds();
        this.origin = origin;
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpHeaders headers = response.getHeaders();
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        if (strictTransportSecurity != null && origin.isSecure(request)) {
            headers.set("Strict-Transport-Security", strictTransportSecurity);
        }
    }

    /** Outermost: the headers go on whatever any other filter or handler answered. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
