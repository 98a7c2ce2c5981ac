package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.app.config.SecretKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SECRET_KEY is required in production; in development a generated key is kept beside the local database. */
class SecretKeyTest {
    private static final String KEY = "a-production-secret-of-at-least-32-characters";

    @TempDir
    Path dataDirectory;

    @Test
    void inProductionTheAppRefusesToStartWithoutSecretKeyAndStartsNothing() throws Exception {
        for (Map<String, String> env : new Map[] {
                Map.of("MICRONAUT_ENVIRONMENTS", "prod", "TIERBLOG_DATA_DIR", dataDirectory.toString()),
                Map.of("MICRONAUT_ENVIRONMENTS", "cloud, prod", "TIERBLOG_DATA_DIR", dataDirectory.toString(),
                        "SECRET_KEY", "  ")}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Launcher launcher = new Launcher(env, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(launcher.run("serve")).isEqualTo(1);

            assertThat(err.toString(StandardCharsets.UTF_8)).contains("tierblog serve failed: SECRET_KEY is not set")
                    .contains("'prod' environment").contains("Refusing to start");
            try (var files = Files.list(dataDirectory)) {
                assertThat(files).as("no key generated, no database started").isEmpty();
            }
        }
    }

    @Test
    void inProductionSecretKeyIsTakenAndAShortOneRefused() {
        assertThat(SecretKey.resolve(Map.of("SECRET_KEY", KEY), dataDirectory, true)).isEqualTo(KEY);
        assertThatThrownBy(() -> SecretKey.resolve(Map.of("SECRET_KEY", "short"), dataDirectory, true))
                .hasMessage("SECRET_KEY must be at least 32 characters long.");
        assertThatThrownBy(() -> SecretKey.resolve(Map.of(), dataDirectory, true))
                .hasMessageContaining("SECRET_KEY is not set");
    }

    @Test
    void inDevelopmentAKeyIsGeneratedOnceAndKeptPrivately() throws Exception {
        String first = SecretKey.resolve(Map.of(), dataDirectory, false);
        String second = SecretKey.resolve(Map.of(), dataDirectory, false);

        assertThat(first).hasSizeGreaterThanOrEqualTo(SecretKey.MIN_LENGTH).isEqualTo(second);
        Path file = dataDirectory.resolve("secret-key");
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretKey.resolve(Map.of("SECRET_KEY", KEY), dataDirectory, false)).isEqualTo(KEY);
    }

    @Test
    void theProductionEnvironmentIsReadAsMicronautReadsIt() {
        assertThat(new Launcher(Map.of("MICRONAUT_ENVIRONMENTS", "prod"), System.out, System.err).production()).isTrue();
        assertThat(new Launcher(Map.of("MICRONAUT_ENVIRONMENTS", "dev,PROD"), System.out, System.err).production())
                .isTrue();
        assertThat(new Launcher(Map.of("MICRONAUT_ENVIRONMENTS", "dev"), System.out, System.err).production())
                .isFalse();
        assertThat(new Launcher(Map.of(), System.out, System.err).production()).isFalse();
    }
}
