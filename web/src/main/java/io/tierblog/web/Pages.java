package io.tierblog.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a template in the layout into a finished body (buffered: much faster than streaming a
 * view), with what every page shows: the viewer in the navigation and a flash message, which is
 * used up by being shown.
 *
 * <p>Pages are rendered into an {@link HtmlWriter} sized after the view's previous rendering, so
 * a page is written into one buffer without locks or regrowth.
 */
@Singleton
final class Pages {
    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    private static final int FIRST_CAPACITY = 8 * 1024;
    /** Room beyond the previous size of a view, for a page that grew a little. */
    private static final int HEADROOM = 1024;

    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final FlashMessages flashes;
    private final CsrfTokens csrfTokens;
    /** Characters each view rendered last time: a view has a few templates, this map as many entries. */
    private final Map<String, Integer> lastLengths = new ConcurrentHashMap<>();

    Pages(ThymeleafViewsRenderer<Map<String, Object>> renderer, FlashMessages flashes, CsrfTokens csrfTokens) {
        this.renderer = renderer;
        this.flashes = flashes;
        this.csrfTokens = csrfTokens;
    }

    /** A fresh model with the page's title, for the view to fill in. */
    static Map<String, Object> model(String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", title);
        return model;
    }

    MutableHttpResponse<String> ok(HttpRequest<?> request, String view, Map<String, Object> model) {
        return render(request, HttpStatus.OK, view, model);
    }

    MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String view,
                                       Map<String, Object> model) {
        return fill(HttpResponse.status(status), request, view, model);
    }

    /**
     * A page with forms that change something: its model gets the CSRF token the forms carry in
     * their {@value CsrfTokens#FIELD} field, and the response the token's cookie when a new token
     * had to be made for this session.
     */
    MutableHttpResponse<String> renderForm(HttpRequest<?> request, HttpStatus status, String view,
                                           Map<String, Object> model) {
        CsrfTokens.FormToken token = csrfTokens.forForm(request);
        Map<String, Object> withToken = new HashMap<>(model);
        withToken.put(CsrfTokens.FIELD, token.value());
        MutableHttpResponse<String> response = render(request, status, view, withToken);
        if (token.cookie() != null) {
            response.cookie(token.cookie());
        }
        return response;
    }

    /** Renders the view into {@code response}, keeping its status and headers. */
    MutableHttpResponse<String> fill(MutableHttpResponse<?> response, HttpRequest<?> request, String view,
                                     Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("viewer", Viewer.of(request.getUserPrincipal(Authentication.class).orElse(null)).orElse(null));
        full.put("flash", flashes.read(request).orElse(null));
        MutableHttpResponse<String> filled = response.body(toHtml(request, view, full));
        filled.contentType(HTML);
        if (flashes.isPresent(request)) {
            filled.cookie(flashes.cleared(request));
        }
        return filled;
    }

    /**
     * A 302 to a path on this site, with a relative {@code Location} as flaskr sends, and an
     * optional message for the page it leads to.
     */
    MutableHttpResponse<?> redirect(HttpRequest<?> request, String path, @Nullable String flashMessage) {
        MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, path);
        if (flashMessage != null) {
            response.cookie(flashes.cookieFor(flashMessage, request));
        }
        return response;
    }

    private String toHtml(HttpRequest<?> request, String view, Map<String, Object> model) {
        Writable writable = renderer.render(view, model, request);
        HtmlWriter out = new HtmlWriter(lastLengths.getOrDefault(view, FIRST_CAPACITY) + HEADROOM);
        try {
            writable.writeTo(out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        lastLengths.put(view, out.length());
        return out.toString();
    }
}
