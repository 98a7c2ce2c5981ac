package io.tierblog.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the framework's own error responses (no route, wrong method, unreadable request, an
 * unexpected exception) the site's error page instead of a JSON or bare body; never a stack trace.
 * Micronaut's default processor steps aside when this bean exists. Some of these answers (a
 * request line too long to read, for one) never pass through the filters, so the security headers
 * are put on here as well.
 */
@Singleton
final class HtmlErrorResponseProcessor implements ErrorResponseProcessor<String> {
    private final ErrorPages errorPages;
    private final SecurityHeadersFilter securityHeaders;

    HtmlErrorResponseProcessor(ErrorPages errorPages, SecurityHeadersFilter securityHeaders) {
        this.errorPages = errorPages;
        this.securityHeaders = securityHeaders;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        securityHeaders.addHeaders(context.getRequest(), response);
        if (context.getRequest().getMethod() == HttpMethod.HEAD || response.code() < 400) {
            return (MutableHttpResponse<String>) response;
        }
        return errorPages.page(response, context.getRequest());
    }
}
