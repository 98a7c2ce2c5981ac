package io.tierblog.app.security;

import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PasswordHash;
import io.tierblog.domain.port.out.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id through Bouncy Castle, stored in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so every stored hash carries its own
 * parameters and older hashes keep verifying after the parameters are raised.
 *
 * <p>Argon2's memory cost is real memory: 19 MiB of 1 KiB blocks for every hash. Allocated anew
 * for each log-in, those blocks are live across young collections and get promoted, so a stream of
 * log-ins fills the old generation with garbage and the process grows to its whole heap. The
 * blocks therefore come from one {@link Argon2BytesGenerator.FixedBlockPool} that keeps the
 * memory of {@code concurrentHashes} hashes (as many as run at once) and hands it from one hash
 * to the next; the generator clears each block before it returns it.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$";
    /** The largest memory cost a stored hash may ask for (4 GiB), so no string can exhaust the heap at once. */
    private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    private static final java.util.Base64.Encoder B64 = java.util.Base64.getEncoder().withoutPadding();
    private static final java.util.Base64.Decoder B64_DECODER = java.util.Base64.getDecoder();

    private final Cost cost;
    private final Argon2BytesGenerator.BlockPool blocks;
    private final SecureRandom random = new SecureRandom();
    private final PasswordHash decoy;

    /** Argon2 parameters: memory in KiB, passes over it, lanes. */
    record Cost(int memoryKib, int iterations, int parallelism) {
        Cost {
            if (parallelism < 1 || parallelism > 255) {
                throw new IllegalArgumentException("Argon2 parallelism must be between 1 and 255");
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("Argon2 iterations must be at least 1");
            }
            if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException(
                        "Argon2 memory must be between 8 KiB per lane and " + MAX_MEMORY_KIB + " KiB");
            }
        }

        /** The 1 KiB blocks one hash uses: memory rounded down to a multiple of four per lane. */
        int blocks() {
            return Argon2BytesGenerator.getBlockCount(memoryKib, parallelism);
        }
    }

    /**
     * @param memoryKib        memory cost in KiB (OWASP's minimum for Argon2id is 19456 with 2 iterations)
     * @param iterations       time cost
     * @param parallelism      lanes
     * @param concurrentHashes how many hashes run at once; the memory of that many is kept between hashes
     */
    public Argon2PasswordHasher(int memoryKib, int iterations, int parallelism, int concurrentHashes) {
        if (concurrentHashes < 1) {
            throw new IllegalArgumentException("concurrentHashes must be at least 1");
        }
        this.cost = new Cost(memoryKib, iterations, parallelism);
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(
                Math.multiplyExact(cost.blocks(), concurrentHashes));
        this.decoy = hash(new Password("decoy password nobody can know"));
    }

    @Override
    public PasswordHash hash(Password password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(format(cost, salt, derive(password, salt, cost, HASH_BYTES)));
    }

    @Override
    public boolean matches(Password password, PasswordHash hash) {
        Objects.requireNonNull(hash, "hash");
        Optional<Phc> stored = Phc.parse(hash.value());
        if (stored.isEmpty()) {
            return false;
        }
        Phc phc = stored.get();
        byte[] derived = derive(password, phc.salt(), phc.cost(), phc.hash().length);
        return MessageDigest.isEqual(derived, phc.hash());
    }

    @Override
    public PasswordHash decoy() {
        return decoy;
    }

    /** The hash of {@code password} with a given salt, as the PHC string; for known-answer tests. */
    String hashWithSalt(Password password, byte[] salt) {
        return format(cost, salt, derive(password, salt, cost, HASH_BYTES));
    }

    private byte[] derive(Password password, byte[] salt, Cost cost, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKib())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.value().getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static String format(Cost cost, byte[] salt, byte[] hash) {
        return PREFIX + "v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** A stored Argon2id hash in the PHC string format, version 19. */
    record Phc(Cost cost, byte[] salt, byte[] hash) {

        /** Empty for anything that is not a well-formed Argon2id v19 PHC string with sane parameters. */
        static Optional<Phc> parse(String text) {
            if (text == null || !text.startsWith(PREFIX)) {
                return Optional.empty();
            }
            String[] parts = text.substring(PREFIX.length()).split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals("v=19")) {
                return Optional.empty();
            }
            try {
                Cost cost = cost(parts[1]);
                byte[] salt = B64_DECODER.decode(parts[2]);
                byte[] hash = B64_DECODER.decode(parts[3]);
                if (cost == null || salt.length < 8 || hash.length < 4) {
                    return Optional.empty();
                }
                return Optional.of(new Phc(cost, salt, hash));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }

        /** {@code m=…,t=…,p=…} in this order, as every Argon2 implementation writes it. */
        private static Cost cost(String text) {
            String[] fields = text.split(",", -1);
            if (fields.length != 3 || !fields[0].startsWith("m=") || !fields[1].startsWith("t=")
                    || !fields[2].startsWith("p=")) {
                return null;
            }
            return new Cost(number(fields[0]), number(fields[1]), number(fields[2]));
        }

        private static int number(String field) {
            String digits = field.substring(2);
            if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a number: " + field);
            }
            long value = Long.parseLong(digits);
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too large: " + field);
            }
            return (int) value;
        }
    }
}
