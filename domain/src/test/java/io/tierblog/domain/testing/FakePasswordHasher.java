package io.tierblog.domain.testing;

import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fast stand-in for the real hasher, for tests that are not about hashing: an unsalted
 * SHA-256, never to be used outside tests. It counts its calls so tests can see the work done.
 */
public class FakePasswordHasher implements PasswordHasher {
    private static final String PREFIX = "fake-sha256$";
    private int matchCalls;

    @Override
    public PasswordHash hash(Password password) {
        return new PasswordHash(PREFIX + sha256(password.value()));
    }

    @Override
    public synchronized boolean matches(Password password, PasswordHash hash) {
        matchCalls++;
        return hash.value().equals(PREFIX + sha256(password.value()));
    }

    @Override
    public PasswordHash decoy() {
        return new PasswordHash(PREFIX + "decoy");
    }

    public synchronized int matchCalls() {
        return matchCalls;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
