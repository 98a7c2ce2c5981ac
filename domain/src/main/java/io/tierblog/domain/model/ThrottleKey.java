package io.tierblog.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What failed log-ins are counted against: a username as typed, or a client address. The key
 * keeps only a SHA-256 digest of the text, so whatever was typed (a password in the username
 * field, control characters, any length) is stored as 64 hexadecimal digits and never in clear.
 */
public record ThrottleKey(Kind kind, String digest) implements Comparable<ThrottleKey> {

    /** Which allowance applies to the key. */
    public enum Kind {
        USERNAME("user"),
        CLIENT("client");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public ThrottleKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        if (!digest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a throttle key's digest is 64 lower-case hexadecimal digits");
        }
    }

    /** The key for log-ins naming {@code typed}, whether or not such a user exists. */
    public static ThrottleKey forUsername(String typed) {
        return new ThrottleKey(Kind.USERNAME, sha256(typed == null ? "" : typed));
    }

    public static ThrottleKey forClient(ClientAddress address) {
        return new ThrottleKey(Kind.CLIENT, sha256(address.value()));
    }

    /** Reads a key written by {@link #value()}. */
    public static ThrottleKey parse(String value) {
        for (Kind kind : Kind.values()) {
            if (value.startsWith(kind.prefix() + ":")) {
                return new ThrottleKey(kind, value.substring(kind.prefix().length() + 1));
            }
        }
        throw new IllegalArgumentException("not a throttle key");
    }

    /** {@code <kind>:<digest>}, for example {@code user:9f86d0…}. */
    public String value() {
        return kind.prefix() + ":" + digest;
    }

    @Override
    public int compareTo(ThrottleKey other) {
        return value().compareTo(other.value());
    }

    @Override
    public String toString() {
        return value();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }
}
