package io.tierblog.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;

/**
 * One visitor of the blog: keeps cookies, never follows redirects, so tests see each answer.
 * Its form posts carry the CSRF token a form page gave it, as a browser's do.
 */
final class WebSession {
    static final String CSRF_FIELD = "csrfToken";
    private final String baseUrl;
    private final HttpClient client;
    private final CookieManager cookies;
    private String csrfToken;
    private String csrfTokenSession;

    WebSession(String baseUrl) {
        this(baseUrl, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    /** A visitor over HTTPS, trusting the certificates the given context trusts. */
    WebSession(String baseUrl, javax.net.ssl.SSLContext tls) {
        this(baseUrl, new CookieManager(null, CookiePolicy.ACCEPT_ALL), tls);
    }

    private WebSession(String baseUrl, CookieManager cookies) {
        this(baseUrl, cookies, null);
    }

    private WebSession(String baseUrl, CookieManager cookies, javax.net.ssl.SSLContext tls) {
        this.baseUrl = baseUrl;
        this.cookies = cookies;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
    }

    /**
     * The same visitor, with the same cookies, talking to another instance at {@code otherBaseUrl}
     * (on this machine, so the cookies, kept per host, go along).
     */
    WebSession at(String otherBaseUrl) {
        return new WebSession(otherBaseUrl, cookies);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** Posts a form with the CSRF token; pairs are name, value, name, value… in order. */
    HttpResponse<String> post(String path, String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        form.putIfAbsent(CSRF_FIELD, csrfToken());
        return postExactly(path, form);
    }

    /** Posts exactly these fields, without adding a CSRF token. */
    HttpResponse<String> postExactly(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a body of raw bytes as a form, whatever they are. */
    HttpResponse<String> postBytes(String path, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The CSRF token the log-in form gives this visitor now, read again when the session changed. */
    String csrfToken() {
        String session = cookie("JWT");
        if (csrfToken != null && csrfToken.equals(cookie("csrf")) && Objects.equals(session, csrfTokenSession)) {
            return csrfToken;
        }
        String token = Jsoup.parse(get("/auth/login").body()).select("input[name=" + CSRF_FIELD + "]").attr("value");
        if (token.isEmpty()) {
            throw new AssertionError("the log-in form carries no CSRF token");
        }
        csrfToken = token;
        csrfTokenSession = session;
        return token;
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    /** Registers and logs in; fails the test if either step does not redirect as expected. */
    WebSession registerAndLogIn(String username, String password) {
        expectRedirect(post("/auth/register", "username", username, "password", password), "/auth/login");
        expectRedirect(post("/auth/login", "username", username, "password", password), "/");
        return this;
    }

    static void expectRedirect(HttpResponse<String> response, String location) {
        if (response.statusCode() != 302 || !location.equals(response.headers().firstValue("Location").orElse(null))) {
            throw new AssertionError("expected 302 to " + location + ", got " + response.statusCode() + " "
                    + response.headers().firstValue("Location").orElse("(no Location)") + "\n" + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
