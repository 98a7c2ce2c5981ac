package io.tierblog.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures for the web tier's own cookies (flash messages, the read position),
 * keyed by the session secret and bound to one purpose, so a value signed for one cookie is never
 * accepted as another's.
 */
final class CookieSigner {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final byte[] purpose;

    CookieSigner(String secret, String purpose) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.purpose = (purpose + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(purpose);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException(ALGORITHM + " is not available", unavailable);
        }
    }

    /** Whether {@code signature} is this signer's for {@code payload}, compared in constant time. */
    boolean signed(String payload, byte[] signature) {
        return MessageDigest.isEqual(sign(payload), signature);
    }
}
