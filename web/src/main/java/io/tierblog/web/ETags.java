package io.tierblog.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Entity tags and {@code If-None-Match}: a tag is the first 128 bits of a SHA-256 digest of what
 * the response would carry (and, for a page, of who it was rendered for), so equal tags mean the
 * same bytes for the same viewer. {@code If-None-Match} is compared weakly, as RFC 9110 says:
 * {@code W/"x"} matches {@code "x"} (nginx weakens a tag when it compresses the response).
 */
final class ETags {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private ETags() {
    }

    /** A strong tag for {@code bytes}, told apart by {@code scope} (who the bytes are for). */
    static String of(String scope, byte[] bytes) {
        MessageDigest sha256 = sha256();
        sha256.update(scope.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(bytes);
        byte[] digest = sha256.digest();
        return '"' + BASE64.encodeToString(Arrays.copyOf(digest, 16)) + '"';
    }

    /** Whether the request's {@code If-None-Match} names {@code tag} (or is {@code *}). */
    static boolean matches(HttpRequest<?> request, String tag) {
        for (String header : request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH)) {
            for (String candidate : header.split(",")) {
                String trimmed = candidate.trim();
                if (trimmed.startsWith("W/")) {
                    trimmed = trimmed.substring(2);
                }
                if (trimmed.equals("*") || trimmed.equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A 304 for a response that would have carried {@code tag} and {@code cacheControl}: no body. */
    static <T> MutableHttpResponse<T> notModified(String tag, String cacheControl) {
        MutableHttpResponse<T> response = HttpResponse.status(HttpStatus.NOT_MODIFIED);
        response.header(HttpHeaders.ETAG, tag);
        response.header(HttpHeaders.CACHE_CONTROL, cacheControl);
        return response;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
