package io.tierblog.app.security;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.port.out.PasswordHasher;
import java.util.Objects;

/**
 * Argon2id through Password4j, in the PHC string format, so every stored hash carries its own
 * parameters and older hashes keep verifying after the parameters are raised.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    private static final int HASH_LENGTH = 32;

    private final Argon2Function function;
    private final PasswordHash decoy;

    /**
     * @param memoryKib   memory cost in KiB (OWASP's minimum for Argon2id is 19456 with 2 iterations)
     * @param iterations  time cost
     * @param parallelism lanes
     */
    public Argon2PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, parallelism, HASH_LENGTH, Argon2.ID);
        this.decoy = new PasswordHash(function.hash("decoy password nobody can know").getResult());
    }

    @Override
    public PasswordHash hash(Password password) {
        return new PasswordHash(function.hash(password.value()).getResult());
    }

    @Override
    public boolean matches(Password password, PasswordHash hash) {
        Objects.requireNonNull(hash, "hash");
        Argon2Function stored;
        try {
            stored = Argon2Function.getInstanceFromHash(hash.value());
        } catch (RuntimeException notAnArgon2Hash) {
            return false;
        }
        return stored.check(password.value(), hash.value());
    }

    @Override
    public PasswordHash decoy() {
        return decoy;
    }
}
