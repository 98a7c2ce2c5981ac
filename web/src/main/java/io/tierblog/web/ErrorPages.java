package io.tierblog.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tierblog.domain.exception.AuthenticationFailedException;
import io.tierblog.domain.exception.DataTierUnavailableException;
import io.tierblog.domain.exception.InvalidInputException;
import io.tierblog.domain.exception.LoginThrottledException;
import io.tierblog.domain.exception.NotPostAuthorException;
import io.tierblog.domain.exception.PostNotFoundException;
import io.tierblog.domain.exception.UsernameTakenException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become statuses and friendly pages in the layout. Domain
 * exceptions that escape a controller are mapped here; the framework's own errors (no route, wrong
 * method, unreadable request, unexpected exceptions) reach {@link #page} through
 * {@link HtmlErrorResponseProcessor}, and security's refusals through {@link LoginRedirectingAuthorizationHandler}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class ErrorPages {
    static final String RETRY_AFTER_SECONDS = "10";
    static final String DATA_TIER_UNAVAILABLE =
            "The database is unavailable right now; please try again in a moment.";
    static final String NOT_YOUR_POST = "You can only change your own posts.";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private final Pages pages;

    ErrorPages(Pages pages) {
        this.pages = pages;
    }

    @Error(global = true, exception = PostNotFoundException.class)
    HttpResponse<String> postNotFound(HttpRequest<?> request, PostNotFoundException e) {
        return page(HttpResponse.status(HttpStatus.NOT_FOUND), request, e.getMessage());
    }

    @Error(global = true, exception = NotPostAuthorException.class)
    HttpResponse<String> notPostAuthor(HttpRequest<?> request, NotPostAuthorException e) {
        return page(HttpResponse.status(HttpStatus.FORBIDDEN), request, NOT_YOUR_POST);
    }

    @Error(global = true, exception = DataTierUnavailableException.class)
    HttpResponse<String> dataTierUnavailable(HttpRequest<?> request, DataTierUnavailableException e) {
        // The app reports the outage once when it starts and once when it ends; not once per request.
        LOG.debug("{} {}: data tier unavailable: {}", request.getMethod(), request.getPath(), e.getMessage());
        return page(withRetryAfter(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)), request,
                DATA_TIER_UNAVAILABLE);
    }

    /** Controllers catch these to show the form again; one that gets here is a bad request. */
    @Error(global = true, exception = InvalidInputException.class)
    HttpResponse<String> invalidInput(HttpRequest<?> request, InvalidInputException e) {
        return page(HttpResponse.status(HttpStatus.BAD_REQUEST), request, e.getMessage());
    }

    @Error(global = true, exception = UsernameTakenException.class)
    HttpResponse<String> usernameTaken(HttpRequest<?> request, UsernameTakenException e) {
        return page(HttpResponse.status(HttpStatus.CONFLICT), request, e.getMessage());
    }

    @Error(global = true, exception = AuthenticationFailedException.class)
    HttpResponse<String> authenticationFailed(HttpRequest<?> request, AuthenticationFailedException e) {
        return page(HttpResponse.status(HttpStatus.UNAUTHORIZED), request, e.getMessage());
    }

    /** The log-in controller shows its form for these; one that gets here still says when to retry. */
    @Error(global = true, exception = LoginThrottledException.class)
    HttpResponse<String> loginThrottled(HttpRequest<?> request, LoginThrottledException e) {
        return page(withRetryAfter(HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS), e.retryAfter()), request,
                e.getMessage());
    }

    /** A form body the framework's decoder cannot read (the form guard refuses most before). */
    @Error(global = true, exception = HttpPostRequestDecoder.ErrorDataDecoderException.class)
    HttpResponse<String> unreadableForm(HttpRequest<?> request, HttpPostRequestDecoder.ErrorDataDecoderException e) {
        LOG.info("{} {}: unreadable form: {}", request.getMethod(), FormPostGuard.printable(request.getPath()),
                FormPostGuard.printable(String.valueOf(e.getMessage())));
        return page(HttpResponse.status(HttpStatus.BAD_REQUEST), request, FormPostGuard.NOT_UTF8);
    }

    @Error(global = true, exception = RequestRefusedException.class)
    HttpResponse<String> refused(HttpRequest<?> request, RequestRefusedException e) {
        return page(HttpResponse.status(e.status()), request, e.getMessage());
    }

    /** Renders the error page for {@code response}'s status into it, keeping its headers. */
    MutableHttpResponse<String> page(MutableHttpResponse<?> response, HttpRequest<?> request, String message) {
        HttpStatus status = response.status();
        Map<String, Object> model = Pages.model(title(status));
        model.put("status", response.code());
        model.put("heading", title(status));
        model.put("message", message);
        try {
            return pages.fill(response, request, "error", model);
        } catch (RuntimeException renderingFailed) {
            LOG.error("Could not render the error page for status {}", response.code(), renderingFailed);
            MutableHttpResponse<String> plain = response.body(title(status) + "\n\n" + message + "\n");
            plain.contentType(MediaType.TEXT_PLAIN_TYPE);
            return plain;
        }
    }

    /** The page for a status with no more specific message. */
    MutableHttpResponse<String> page(MutableHttpResponse<?> response, HttpRequest<?> request) {
        return page(response, request, defaultMessage(response.status()));
    }

    /** Tells clients when the data tier is worth trying again. */
    static <T extends MutableHttpResponse<?>> T withRetryAfter(T response) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return response;
    }

    /** Tells clients how long to wait before trying again. */
    static <T extends MutableHttpResponse<?>> T withRetryAfter(T response, Duration wait) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())));
        return response;
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Bad Request";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not Found";
            case METHOD_NOT_ALLOWED -> "Method Not Allowed";
            case REQUEST_ENTITY_TOO_LARGE -> "Request Too Large";
            case TOO_MANY_REQUESTS -> "Too Many Requests";
            case SERVICE_UNAVAILABLE -> "Service Unavailable";
            case INTERNAL_SERVER_ERROR -> "Internal Server Error";
            default -> status.getReason();
        };
    }

    static String defaultMessage(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST ->
                    "The request could not be understood. Please check the address or the form and try again.";
            case UNAUTHORIZED -> "Please log in first.";
            case FORBIDDEN -> "You are not allowed to do that.";
            case NOT_FOUND -> "There is no page at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that kind of request.";
            case UNSUPPORTED_MEDIA_TYPE -> "Please send the form from its page.";
            case REQUEST_ENTITY_TOO_LARGE -> FormPostGuard.TOO_LARGE;
            case TOO_MANY_REQUESTS -> "Too many requests. Please wait a moment and try again.";
            case REQUEST_URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE ->
                    "The address or headers of that request were too long.";
            case SERVICE_UNAVAILABLE -> DATA_TIER_UNAVAILABLE;
            default -> status.getCode() >= 500
                    ? "Something went wrong on our side. Please try again later."
                    : "The request could not be completed.";
        };
    }
}
