package io.tierblog.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * What happens when Micronaut Security turns a request down: an anonymous visitor is sent to log
 * in with a 302 and a relative {@code Location}, as flaskr's {@code login_required} does (the
 * default handler answers 303 and only to browsers asking for HTML); a logged-in user gets the 403 page.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
final class LoginRedirectingAuthorizationHandler
        implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    static final String LOGIN_PATH = "/auth/login";

    private final Pages pages;
    private final ErrorPages errorPages;

    LoginRedirectingAuthorizationHandler(Pages pages, ErrorPages errorPages) {
        this.pages = pages;
        this.errorPages = errorPages;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return errorPages.page(HttpResponse.status(HttpStatus.FORBIDDEN), request);
        }
        return pages.redirect(request, LOGIN_PATH, null);
    }
}
