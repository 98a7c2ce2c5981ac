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
 * The key that signs session, CSRF and flash cookies. {@code SECRET_KEY} wins. In the
 * {@value #PRODUCTION} environment it is required and nothing else is accepted. Elsewhere, without
 * it, a random key is generated once and kept in the data directory beside the local database,
 * with a loud warning, so sessions survive restarts of a single development instance. Several
 * instances must share one {@code SECRET_KEY}.
 */
public final class SecretKey {
    public static final String ENV = "SECRET_KEY";
    /** HS256 wants at least 256 bits of key. */
    public static final int MIN_LENGTH = 32;
    /** The Micronaut environment in which {@code SECRET_KEY} is required. */
    public static final String PRODUCTION = "prod";
    public static final String MISSING_IN_PRODUCTION = ENV + " is not set. In the '" + PRODUCTION + "' environment the key"
            + " that signs sessions must come from " + ENV + " (at least " + MIN_LENGTH + " characters, the same on"
            + " every instance; for example the output of `openssl rand -base64 48`). Refusing to start.";
    private static final String DEVELOPMENT_KEY_WARNING = String.join(System.lineSeparator(),
            "",
            "********************************************************************************",
            "  {} is not set: sessions are signed with a development key kept in",
            "  {}",
            "  Anybody who can read that file can forge log-ins, and other instances will not",
            "  accept this one's sessions. Set {} (the same long random value on every",
            "  instance) before exposing this server; MICRONAUT_ENVIRONMENTS=prod requires it.",
            "********************************************************************************");
    private static final Logger LOG = LoggerFactory.getLogger(SecretKey.class);

    private SecretKey() {
    }

    /**
     * @param production true in the {@value #PRODUCTION} environment, where {@code SECRET_KEY} is required
     * @throws IllegalStateException when the key is missing in production, or too short
     */
    public static String resolve(Map<String, String> env, Path dataDirectory, boolean production) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            if (fromEnv.length() < MIN_LENGTH) {
                throw new IllegalStateException(ENV + " must be at least " + MIN_LENGTH + " characters long.");
            }
            return fromEnv;
        }
        if (production) {
            throw new IllegalStateException(MISSING_IN_PRODUCTION);
        }
        Path file = dataDirectory.resolve("secret-key");
        LOG.warn(DEVELOPMENT_KEY_WARNING, ENV, file, ENV);
        return readOrCreate(file);
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
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

    /**
     * Writes a new key whole into a private temporary file, then links it into place: the link
     * fails if another process got there first, so every instance reads one complete key.
     */
    private static void create(Path file) throws IOException {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path draft;
        try {
            draft = Files.createTempFile(file.getParent(), ".secret-key-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException noPosix) {
            draft = Files.createTempFile(file.getParent(), ".secret-key-", ".tmp");
        }
        try {
            Files.writeString(draft, key);
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            // keep theirs
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
