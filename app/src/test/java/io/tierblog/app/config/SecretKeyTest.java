package io.tierblog.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyTest {
    @TempDir
    Path dataDirectory;

    @Test
    void secretKeyFromTheEnvironmentWins() {
        String key = "k".repeat(SecretKey.MIN_LENGTH);

        assertThat(SecretKey.resolve(Map.of("SECRET_KEY", key), dataDirectory, false)).isEqualTo(key);
        assertThat(dataDirectory.resolve("secret-key")).doesNotExist();
    }

    @Test
    void aShortSecretKeyIsRefused() {
        assertThatThrownBy(() -> SecretKey.resolve(Map.of("SECRET_KEY", "short"), dataDirectory, false))
                .hasMessage("SECRET_KEY must be at least 32 characters long.");
    }

    @Test
    void withoutOneAPrivateKeyIsGeneratedOnceAndKept() throws Exception {
        String first = SecretKey.resolve(Map.of(), dataDirectory, false);
        String second = SecretKey.resolve(Map.of(), dataDirectory, false);

        assertThat(first).hasSizeGreaterThanOrEqualTo(SecretKey.MIN_LENGTH).isEqualTo(second);
        assertThat(Files.getPosixFilePermissions(dataDirectory.resolve("secret-key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (var files = Files.list(dataDirectory)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("secret-key");
        }
    }

    @Test
    void inProductionSecretKeyIsRequiredAndNothingIsGenerated() {
        String key = "p".repeat(SecretKey.MIN_LENGTH);

        assertThat(SecretKey.resolve(Map.of("SECRET_KEY", key), dataDirectory, true)).isEqualTo(key);
        assertThatThrownBy(() -> SecretKey.resolve(Map.of("SECRET_KEY", "short"), dataDirectory, true))
                .hasMessage("SECRET_KEY must be at least 32 characters long.");
        assertThatThrownBy(() -> SecretKey.resolve(Map.of(), dataDirectory, true))
                .hasMessage(SecretKey.MISSING_IN_PRODUCTION);
        assertThat(dataDirectory.resolve("secret-key")).doesNotExist();
    }

    @Test
    void instancesStartingTogetherAgreeOnOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> starts = IntStream.range(0, 8)
                    .<Callable<String>>mapToObj(i -> () -> SecretKey.resolve(Map.of(), dataDirectory, false)).toList();
            List<String> keys = pool.invokeAll(starts).stream().map(SecretKeyTest::get).distinct().toList();

            assertThat(keys).hasSize(1);
            assertThat(keys.get(0)).hasSizeGreaterThanOrEqualTo(SecretKey.MIN_LENGTH);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
