package io.tierblog.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs session and flash cookies. {@code SECRET_KEY} wins; without it a random
 * key is generated once and kept in the data directory, so sessions survive restarts of a
 * single instance. Several instances must share one {@code SECRET_KEY}.
 */
public final class SecretKey {
    public static final String ENV = "SECRET_KEY";
    /** HS256 wants at least 256 bits of key. */
    public static final int MIN_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SecretKey.class);

    private SecretKey() {
    }

    public static String resolve(Map<String, String> env, Path dataDirectory) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.length() < MIN_LENGTH) {
                throw new IllegalStateException(ENV + " must be at least " + MIN_LENGTH + " characters long.");
            }
            return fromEnv;
        }
        Path file = dataDirectory.resolve("secret-key");
        LOG.warn("{} is not set: using the key kept in {}. Set {} (the same on every instance) in production.",
                ENV, file, ENV);
        return readOrCreate(file);
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, key);
                } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                    // fall through and read the one that won
                } catch (UnsupportedOperationException noPosix) {
                    Files.writeString(file, key);
                }
            }
            String key = Files.readString(file).trim();
            if (key.length() < MIN_LENGTH) {
                throw new IllegalStateException(file + " holds a key shorter than " + MIN_LENGTH + " characters.");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret key in " + file, e);
        }
    }
}
