package io.tierblog.web;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files under {@code static/}, read once at start-up, each under two names: its own
 * ({@code style.css}) and a fingerprinted one with the first {@value #HASH_LENGTH} hex digits of
 * the SHA-256 of its content ({@code style.0123456789ab.css}). Pages link to the fingerprinted
 * names ({@link #urls()}, {@code ${assets['style.css']}} in templates), which a browser may keep
 * for a year without asking: a changed file has another name. The plain names keep working for
 * whatever still links to them, with a short cache.
 */
@Singleton
final class StaticAssets {
    /** Every file under {@code src/main/resources/static}; a test checks the list is complete. */
    static final List<String> FILES = List.of("style.css", "confirm.js");
    static final int HASH_LENGTH = 12;
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String SHORT = "public, max-age=3600";
    private static final Map<String, MediaType> TYPES = Map.of(
            "css", MediaType.of("text/css;charset=utf-8"),
            "js", MediaType.of("text/javascript;charset=utf-8"));

    /** A file and what it is served with. */
    record Asset(String name, byte[] bytes, MediaType type, String hash, String url, String tag) {
    }

    /** An asset as a request named it: {@code fingerprinted} when the name carried its current hash. */
    record Found(Asset asset, boolean fingerprinted) {
        String cacheControl() {
            return fingerprinted ? IMMUTABLE : SHORT;
        }
    }

    private final Map<String, Asset> byName = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();

    StaticAssets() {
        for (String name : FILES) {
            byte[] bytes = read(name);
            String hash = HexFormat.of().formatHex(sha256(bytes)).substring(0, HASH_LENGTH);
            int dot = name.lastIndexOf('.');
            String extension = name.substring(dot + 1);
            MediaType type = TYPES.get(extension);
            if (type == null) {
                throw new IllegalStateException("no media type for static/" + name);
            }
            String url = "/static/" + name.substring(0, dot) + "." + hash + "." + extension;
            byName.put(name, new Asset(name, bytes, type, hash, url, ETags.of("asset", bytes)));
            urls.put(name, url);
        }
    }

    /** Each file's name and the fingerprinted address pages link to it by. */
    Map<String, String> urls() {
        return Map.copyOf(urls);
    }

    /**
     * The asset a file name under {@code /static/} names: its own name, or the name with a hash
     * before the extension. A hash of an older content (a page from before a deployment) still
     * gets the file as it is now, cached briefly, so no page is left unstyled.
     */
    Optional<Found> find(String file) {
        Asset plain = byName.get(file);
        if (plain != null) {
            return Optional.of(new Found(plain, false));
        }
        int last = file.lastIndexOf('.');
        int hashStart = last < 0 ? -1 : file.lastIndexOf('.', last - 1);
        if (hashStart < 0) {
            return Optional.empty();
        }
        String hash = file.substring(hashStart + 1, last);
        if (hash.length() != HASH_LENGTH || !hash.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        Asset asset = byName.get(file.substring(0, hashStart) + file.substring(last));
        return asset == null ? Optional.empty() : Optional.of(new Found(asset, asset.hash().equals(hash)));
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("static/" + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
