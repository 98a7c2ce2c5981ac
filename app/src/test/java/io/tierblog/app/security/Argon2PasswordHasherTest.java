package io.tierblog.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.domain.model.Password;
import io.tierblog.domain.model.PasswordHash;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2PasswordHasherTest {
    private static Argon2PasswordHasher hasher;

    @BeforeAll
    static void owaspCost() {
        hasher = new Argon2PasswordHasher(19_456, 2, 1, 2);
    }

    // Printed by the reference implementation (Debian's argon2 command):
    //   echo -n 'correct horse battery staple' | argon2 tierblog-salt-16 -id -t 2 -k 19456 -p 1 -l 32 -e
    private static final String REFERENCE_OWASP =
            "$argon2id$v=19$m=19456,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8";
    //   echo -n 'pässwörd ✓' | argon2 another-salt-123 -id -t 3 -k 8192 -p 2 -l 32 -e
    private static final String REFERENCE_TWO_LANES =
            "$argon2id$v=19$m=8192,t=3,p=2$YW5vdGhlci1zYWx0LTEyMw$uNDBMx/236TppDt0FRpzt7gIixEr1hE5JVEhBvBT2Ek";
    // Written by the hasher Tierblog used before (Password4j 1.8.4, 64-byte salts): stored hashes of
    // existing users must keep verifying.
    private static final String EARLIER_1 = "$argon2id$v=19$m=19456,t=2,p=1$4iDIHBQgt0A2QzvLLNACK0MDItvUrtqWL6lONAkXuFyk"
            + "S8t1AR80Kc/fNgeBn6dR5jRrrv3mGjpfge66D+WdlA$3XspmIHhp4V1GB1aS4m7fW8xsKXtnvBNOiHGPn2BWRg";
    private static final String EARLIER_2 = "$argon2id$v=19$m=19456,t=2,p=1$8Qcd0HzyBh2pIVE7KQnMVZT7V2Lv870Duvt1psEhizTh"
            + "voDWyu4LC32x4SMYohNFZ6WpNJ+Ng3/OSrxvMtpx2w$cbkxxOwEUQA5tq5Qb0+NyDINeaXpTecjEklqa3WZnTw";

    @Test
    void hashesExactlyAsTheReferenceImplementation() {
        byte[] salt = "tierblog-salt-16".getBytes(StandardCharsets.US_ASCII);
        assertThat(hasher.hashWithSalt(new Password("correct horse battery staple"), salt)).isEqualTo(REFERENCE_OWASP);
    }

    @Test
    void verifiesReferenceHashesWithTheirOwnParameters() {
        assertThat(hasher.matches(new Password("correct horse battery staple"), new PasswordHash(REFERENCE_OWASP)))
                .isTrue();
        assertThat(hasher.matches(new Password("pässwörd ✓"), new PasswordHash(REFERENCE_TWO_LANES))).isTrue();
        assertThat(hasher.matches(new Password("passwörd ✓"), new PasswordHash(REFERENCE_TWO_LANES))).isFalse();
    }

    @Test
    void verifiesHashesStoredByTheEarlierHasher() {
        assertThat(hasher.matches(new Password("flaskr's password 1"), new PasswordHash(EARLIER_1))).isTrue();
        assertThat(hasher.matches(new Password("another one ünïcode"), new PasswordHash(EARLIER_2))).isTrue();
        assertThat(hasher.matches(new Password("flaskr's password 2"), new PasswordHash(EARLIER_1))).isFalse();
    }

    @Test
    void newHashesAreSaltedPhcStringsWithTheConfiguredCost() {
        PasswordHash first = hasher.hash(new Password("a password"));
        PasswordHash second = hasher.hash(new Password("a password"));
        assertThat(first.value()).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(hasher.matches(new Password("a password"), first)).isTrue();
        assertThat(hasher.matches(new Password("a password"), second)).isTrue();
        assertThat(hasher.matches(new Password("a passwore"), first)).isFalse();
    }

    @Test
    void theDecoyMatchesNoOrdinaryPassword() {
        assertThat(hasher.decoy().value()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches(new Password("decoy"), hasher.decoy())).isFalse();
        assertThat(hasher.matches(new Password("password"), hasher.decoy())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "plain text",
            "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
            "$argon2i$v=19$m=19456,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=16$m=19456,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=19456,t=2$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$t=2,m=19456,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=abc,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=-1,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=99999999999,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=8388608,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=19456,t=0,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=19456,t=2,p=0$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8",
            "$argon2id$v=19$m=19456,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$not*base64",
            "$argon2id$v=19$m=19456,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$",
            "$argon2id$v=19$m=19456,t=2,p=1$dGllcmJsb2ctc2FsdC0xNg$GqXSOwguOo14mIRdeM7q1ys5PUcWZVXRucabwqgLdg8$extra",
    })
    void anythingButAWellFormedArgon2idHashMatchesNothing(String stored) {
        assertThat(hasher.matches(new Password("correct horse battery staple"), new PasswordHash(stored))).isFalse();
    }

    @Test
    void aHashReusesTheMemoryOfTheHashBeforeIt() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        hasher.hash(new Password("warm the pool"));
        long before = threads.getThreadAllocatedBytes(thread);
        hasher.hash(new Password("with pooled memory"));
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // One hash works through 19 MiB; from the pool it allocates only its small buffers.
        assertThat(allocated).isLessThan(1024 * 1024);

        // The same measurement sees the memory when the pool is empty: a new hasher's first hash (its decoy).
        before = threads.getThreadAllocatedBytes(thread);
        new Argon2PasswordHasher(19_456, 2, 1, 1);
        assertThat(threads.getThreadAllocatedBytes(thread) - before).isGreaterThan(19L * 1024 * 1024);
    }

    @Test
    void hashesRunningAtOnceDoNotDisturbEachOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String password = "password number " + i;
                checks.add(pool.submit(() -> {
                    PasswordHash hash = hasher.hash(new Password(password));
                    return hasher.matches(new Password(password), hash)
                            && !hasher.matches(new Password(password + "!"), hash)
                            && hasher.matches(new Password("correct horse battery staple"),
                                    new PasswordHash(REFERENCE_OWASP));
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesCostsThatAreNotArgon2() {
        assertThatThrownBy(() -> new Argon2PasswordHasher(19_456, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2PasswordHasher(19_456, 2, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2PasswordHasher(4, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Argon2PasswordHasher(19_456, 2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
