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
 */
public final class Browser {
    private final HttpClient client;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Browser(HttpClient client) {
        this.client = client;
    }

    public Response get(String path) {
        return send(HttpRequest.GET(path));
    }

    /** A form post, as a browser sends it. */
    public Response post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    /** A post with no body and no content type at all, as flaskr's {@code client.post(path)} sends. */
    public Response post(String path) {
        return send(HttpRequest.create(HttpMethod.POST, path));
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

    public Response send(MutableHttpRequest<?> request) {
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
