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
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Renders a template in the layout into a finished body (buffered: much faster than streaming a
 * view), with what every page shows: the viewer in the navigation and a flash message, which is
 * used up by being shown, and the search box (empty unless the page says what it holds). Public,
 * with the few methods a feature package outside this one renders its pages with.
 *
 * <p>Pages are rendered into an {@link HtmlWriter}, a buffer without locks that each thread keeps
 * for its next page (unless a page made it larger than {@value #KEPT_CAPACITY} characters), so
 * rendering allocates no buffer and copies nothing into one as it grows.
 */
@Singleton
public final class Pages {
    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");
    /** Kept by the browser only, for this viewer only, and checked with the server before each use. */
    /** The layout's links to the static files: {@code ${assets['style.css']}} is its fingerprinted address. */
    static final String ASSETS = "assets";
    static final String PAGE_CACHE_CONTROL = "private, no-cache";
    private static final String NOBODY = "nobody";
    private static final int FIRST_CAPACITY = 32 * 1024;
    private static final int KEPT_CAPACITY = 256 * 1024;

    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;
    private final FlashMessages flashes;
    private final CsrfTokens csrfTokens;
    private final Map<String, String> assetUrls;
    private final RenderedPageCache keptPages;
    /** The thread's buffer between renderings; empty while it is in use, so nested renderings get their own. */
    private final ThreadLocal<HtmlWriter> spareBuffer = new ThreadLocal<>();

    Pages(ThymeleafViewsRenderer<Map<String, Object>> renderer, FlashMessages flashes, CsrfTokens csrfTokens,
          StaticAssets assets, RenderedPageCache keptPages) {
        this.renderer = renderer;
        this.keptPages = keptPages;
        this.flashes = flashes;
        this.csrfTokens = csrfTokens;
        this.assetUrls = assets.urls();
    }

    /** A fresh model with the page's title, for the view to fill in. */
    public static Map<String, Object> model(String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("pageTitle", title);
        return model;
    }

    /**
     * A page that is the same for everybody who is the same viewer (nobody, or one user), which
     * carries no form token: it gets an {@code ETag} (from the page's bytes and the viewer) and
     * {@code Cache-Control: private, no-cache}, so the browser keeps it for this viewer alone and
     * asks each time, and a request whose {@code If-None-Match} names the tag gets a 304 without
     * a body. A page showing a flash message gets neither: it is shown once, and its response
     * clears the message's cookie.
     */
    public MutableHttpResponse<String> ok(HttpRequest<?> request, String view, Map<String, Object> model) {
        MutableHttpResponse<String> page = render(request, HttpStatus.OK, view, model);
        if (flashes.isPresent(request)) {
            return page;
        }
        String body = page.body();
        Optional<Viewer> viewer = Viewer.of(request.getUserPrincipal(Authentication.class).orElse(null));
        String tag = ETags.of(etagScope(viewer), body.getBytes(StandardCharsets.UTF_8));
        if (ETags.matches(request, tag)) {
            return ETags.notModified(tag, PAGE_CACHE_CONTROL);
        }
        page.header(HttpHeaders.ETAG, tag);
        page.header(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_CONTROL);
        return page;
    }

    /**
     * {@link #ok} for a page whose bytes follow from the viewer, {@code view} and {@code content}
     * alone (see {@link RenderedPageCache.Key}): a page kept for the same three is sent as it was,
     * with its tag, without rendering; otherwise {@code model} is rendered, and kept. A page with a
     * flash message is rendered and never kept.
     *
     * @param weight the heap {@code content} takes, counted high
     */
    MutableHttpResponse<?> okKept(HttpRequest<?> request, String view, Object content, long weight,
                                  Supplier<Map<String, Object>> model) {
        if (flashes.isPresent(request)) {
            return ok(request, view, model.get());
        }
        Optional<Viewer> viewer = Viewer.of(request.getUserPrincipal(Authentication.class).orElse(null));
        RenderedPageCache.Key key = new RenderedPageCache.Key(
                viewer.map(v -> "user:" + v.id().value() + ":" + v.getName()).orElse(NOBODY), view, content, weight);
        RenderedPageCache.KeptPage kept = keptPages.get(key);
        if (kept == null) {
            byte[] body = render(request, HttpStatus.OK, view, model.get()).body().getBytes(StandardCharsets.UTF_8);
            kept = new RenderedPageCache.KeptPage(key, body, ETags.of(etagScope(viewer), body));
            keptPages.put(kept);
        }
        if (ETags.matches(request, kept.etag())) {
            return ETags.notModified(kept.etag(), PAGE_CACHE_CONTROL);
        }
        return HttpResponse.ok(kept.body()).contentType(HTML)
                .header(HttpHeaders.ETAG, kept.etag())
                .header(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_CONTROL);
    }

    /**
     * Renders the page {@link #okKept} would send a visitor who is not logged in and has no
     * message waiting, and keeps it, without a request (the start-up warm-up does this).
     */
    void keepWithoutRequest(String view, Object content, long weight, Map<String, Object> model) {
        RenderedPageCache.Key key = new RenderedPageCache.Key(NOBODY, view, content, weight);
        byte[] body = renderWithoutRequest(view, model).getBytes(StandardCharsets.UTF_8);
        keptPages.put(new RenderedPageCache.KeptPage(key, body, ETags.of(etagScope(Optional.empty()), body)));
    }

    private static String etagScope(Optional<Viewer> viewer) {
        return viewer.map(v -> "user:" + v.id().value()).orElse(NOBODY);
    }

    public MutableHttpResponse<String> render(HttpRequest<?> request, HttpStatus status, String view,
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
        full.putIfAbsent(SearchBox.MODEL_KEY, SearchBox.EMPTY);
        full.put(ASSETS, assetUrls);
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

    /**
     * The page a visitor who is not logged in and has no message waiting would get, rendered
     * without a request and sent nowhere (the start-up warm-up renders pages this way).
     */
    String renderWithoutRequest(String view, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("viewer", null);
        full.put("flash", null);
        full.putIfAbsent(SearchBox.MODEL_KEY, SearchBox.EMPTY);
        full.put(ASSETS, assetUrls);
        return toHtml(null, view, full);
    }

    /** A template that is no page, only a piece of one, rendered for no request and no viewer. */
    String renderFragment(String view, Map<String, Object> model) {
        return toHtml(null, view, model);
    }

    private String toHtml(@Nullable HttpRequest<?> request, String view, Map<String, Object> model) {
        Writable writable = renderer.render(view, model, request);
        HtmlWriter out = spareBuffer.get();
        if (out == null) {
            out = new HtmlWriter(FIRST_CAPACITY);
        } else {
            spareBuffer.remove();
        }
        try {
            writable.writeTo(out);
            return out.toString();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        } finally {
            out.clear();
            if (out.capacity() <= KEPT_CAPACITY) {
                spareBuffer.set(out);
            }
        }
    }
}
