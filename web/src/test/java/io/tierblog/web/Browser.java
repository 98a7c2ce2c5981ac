package io.tierblog.web;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser without the automatic parts: redirects are not followed and cookies are kept by hand
 * from {@code Set-Cookie} headers, so tests see exactly what the server sends. Give it a client
 * configured with {@code micronaut.http.client.follow-redirects: false}.
 *
 * <p>Like a person filling in a form, it sends the CSRF token a form page gave it: before a post
 * it reads the hidden {@value #CSRF_FIELD} field of the log-in form (fetched again whenever the
 * session or the token cookie changed), and sends it as a form field, or as the
 * {@value #CSRF_HEADER} header for a post without a body. {@link #postWithoutToken} and
 * {@link #send} add nothing.
 */
public final class Browser {
    public static final String CSRF_FIELD = "csrfToken";
    public static final String CSRF_HEADER = "X-CSRF-TOKEN";
    public static final String CSRF_COOKIE = "csrf";
    private static final String SESSION_COOKIE = "JWT";
    private static final String FLASH_COOKIE = "flash";

    private final HttpClient client;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String csrfToken;
    private String csrfTokenSession;

    public Browser(HttpClient client) {
        this.client = client;
    }

    public Response get(String path) {
        return send(HttpRequest.GET(path));
    }

    /** A form post, as a browser sends it, with the form page's CSRF token. */
    public Response post(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.putIfAbsent(CSRF_FIELD, csrfToken());
        return postWithoutToken(path, withToken);
    }

    /** A form post of exactly these fields. */
    public Response postWithoutToken(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    /**
     * A post with no body and no content type at all, as flaskr's {@code client.post(path)} sends,
     * with the CSRF token in its header.
     */
    public Response post(String path) {
        return send(HttpRequest.create(HttpMethod.POST, path).header(CSRF_HEADER, csrfToken()));
    }

    /**
     * The token a form page gives this browser now: read from the log-in form (without using up
     * a pending flash message) unless the one read last still goes with the session and cookie.
     */
    public String csrfToken() {
        String session = cookies.get(SESSION_COOKIE);
        if (csrfToken != null && csrfToken.equals(cookies.get(CSRF_COOKIE))
                && java.util.Objects.equals(session, csrfTokenSession)) {
            return csrfToken;
        }
        String flash = cookies.remove(FLASH_COOKIE);
        Response page;
        try {
            page = get("/auth/login");
        } finally {
            if (flash != null) {
                cookies.put(FLASH_COOKIE, flash);
            }
        }
        String token = page.html().select("input[name=" + CSRF_FIELD + "]").attr("value");
        if (token.isEmpty()) {
            throw new IllegalStateException("the log-in form carries no CSRF token: " + page.status());
        }
        csrfToken = token;
        csrfTokenSession = session;
        return token;
    }

    public Response login(String username, String password) {
        return post("/auth/login", Map.of("username", username, "password", password));
    }

    public Response login() {
        return login("test", "test");
    }

    public Response logout() {
        return get("/auth/logout");
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** A header sent with every request from now on, as a proxy in front would add it. */
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    public Response send(MutableHttpRequest<?> request) {
        return sendVia(client, request);
    }

    /** Sends a request with this browser's cookies through another client, as to another instance. */
    public Response sendVia(HttpClient client, MutableHttpRequest<?> request) {
        headers.forEach((name, value) -> {
            if (!request.getHeaders().contains(name)) {
                request.header(name, value);
            }
        });
        if (!cookies.isEmpty()) {
            request.header(HttpHeaders.COOKIE, cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response;
        try {
            response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException error) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> failed = (HttpResponse<String>) error.getResponse();
            response = failed;
        }
        Response result = new Response(response.code(), response.getHeaders(),
                response.getBody(String.class).orElse(""), response.getHeaders().getAll(HttpHeaders.SET_COOKIE));
        result.setCookies().forEach(this::remember);
        return result;
    }

    private void remember(String setCookie) {
        String[] parts = setCookie.split(";");
        String pair = parts[0].trim();
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq);
        String value = pair.substring(eq + 1);
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
            if (attribute.equals("max-age=0") || attribute.startsWith("max-age=-")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * What a browser shows in the named {@code <textarea>}: its text without the one line break
     * HTML drops right after the opening tag (jsoup keeps it).
     */
    public static String textarea(Document page, String name) {
        String text = page.select("textarea[name=" + name + "]").first().wholeText();
        return text.startsWith("\n") ? text.substring(1) : text;
    }

    public record Response(int status, HttpHeaders headers, String body, List<String> setCookies) {
        public String location() {
            return headers.get(HttpHeaders.LOCATION);
        }

        public Document html() {
            return Jsoup.parse(body);
        }

        /** The Set-Cookie header for one cookie, or null. */
        public String setCookie(String name) {
            return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
        }
    }
}
