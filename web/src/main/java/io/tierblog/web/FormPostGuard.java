package io.tierblog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.web.router.RouteAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Every request that may change something (POST, PUT, PATCH, DELETE) to an address that takes it
 * passes here after Micronaut Security has told who is asking, so a visitor who must log in is
 * sent to log in first. A form body must be well-formed UTF-8 (else 400), and the request must
 * carry a CSRF token that {@link CsrfTokens} accepts: the form's {@value CsrfTokens#FIELD} field,
 * or for anything but a form the CSRF header (else 403). A refused request reaches no controller,
 * so nothing changes. Requests to no route fall through to their 404 or 405.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class FormPostGuard implements HttpServerFilter {
    static final String FORGED = "This form has expired or was not sent from this site, so nothing was changed."
            + " Please go back, reload the page and try again.";
    static final String NOT_UTF8 = "The form could not be read: it was not sent as a well-formed form of UTF-8"
            + " text. Nothing was changed.";
    static final String TOO_LARGE = "That was more than this site accepts at once, so nothing was changed.";

    private static final Logger LOG = LoggerFactory.getLogger(FormPostGuard.class);
    private static final Set<HttpMethod> CHANGING = EnumSet.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final CsrfTokens tokens;
    private final ErrorPages errorPages;

    FormPostGuard(CsrfTokens tokens, ErrorPages errorPages) {
        this.tokens = tokens;
        this.errorPages = errorPages;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!CHANGING.contains(request.getMethod()) || RouteAttributes.getRouteMatch(request).isEmpty()) {
            return chain.proceed(request);
        }
        boolean form = request.getContentType().map(MediaType.APPLICATION_FORM_URLENCODED_TYPE::equals).orElse(false);
        if (form && request instanceof ServerHttpRequest<?> server) {
            // A split of the body: the controller still reads the whole of it afterwards.
            try (CloseableByteBody body = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
                Mono<Optional<MutableHttpResponse<?>>> refusal = Mono.fromFuture(body.buffer())
                        .map(buffered -> Optional.<MutableHttpResponse<?>>ofNullable(
                                checkForm(request, FormBody.parse(buffered.toByteArray()))))
                        .onErrorResume(failure -> Mono.just(Optional.of(unreadable(request, failure))));
                return refusal.flatMap(refused -> refused.isPresent()
                        ? Mono.just(refused.get()) : Mono.from(chain.proceed(request)));
            }
        }
        MutableHttpResponse<?> refusal = check(request, header(request));
        return refusal == null ? chain.proceed(request) : Mono.just(refusal);
    }

    private @Nullable MutableHttpResponse<?> checkForm(HttpRequest<?> request,
                                                       Optional<Map<String, List<String>>> fields) {
        if (fields.isEmpty()) {
            return errorPages.page(HttpResponse.status(HttpStatus.BAD_REQUEST), request, NOT_UTF8);
        }
        List<String> submitted = fields.get().getOrDefault(CsrfTokens.FIELD, List.of());
        String token = submitted.size() == 1 ? submitted.get(0) : header(request);
        return check(request, token);
    }

    private @Nullable MutableHttpResponse<?> check(HttpRequest<?> request, @Nullable String token) {
        if (tokens.accepts(request, token)) {
            return null;
        }
        LOG.info("{} {} refused: no valid CSRF token", request.getMethod(), printable(request.getPath()));
        return errorPages.page(HttpResponse.status(HttpStatus.FORBIDDEN), request, FORGED);
    }

    private MutableHttpResponse<?> unreadable(HttpRequest<?> request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ContentLengthExceededException) {
            return errorPages.page(HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE), request, TOO_LARGE);
        }
        LOG.info("{} {}: the form could not be read: {}", request.getMethod(), printable(request.getPath()),
                printable(cause.toString()));
        return errorPages.page(HttpResponse.status(HttpStatus.BAD_REQUEST), request);
    }

    /** Text from a request, fit for one log line: control characters shown as '?', at most 200 characters. */
    static String printable(String text) {
        String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private @Nullable String header(HttpRequest<?> request) {
        return request.getHeaders().get(tokens.headerName());
    }

    /** After Micronaut Security's filter, which tells the session the token is bound to. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
