package io.tierblog.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives the framework's own error responses (no route, wrong method, unreadable request, an
 * unexpected exception) the site's error page instead of a JSON or bare body; never a stack trace.
 * Micronaut's default processor steps aside when this bean exists.
 */
@Singleton
final class HtmlErrorResponseProcessor implements ErrorResponseProcessor<String> {
    private final ErrorPages errorPages;

    HtmlErrorResponseProcessor(ErrorPages errorPages) {
        this.errorPages = errorPages;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<String> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        if (context.getRequest().getMethod() == HttpMethod.HEAD || response.code() < 400) {
            return (MutableHttpResponse<String>) response;
        }
        return errorPages.page(response, context.getRequest());
    }
}
