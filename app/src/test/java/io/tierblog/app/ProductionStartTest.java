package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With MICRONAUT_ENVIRONMENTS=prod the app refuses to start without SECRET_KEY, before it starts
 * a database or writes a key (config.SecretKeyTest covers the key itself).
 */
class ProductionStartTest {
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
    void theProductionEnvironmentIsReadAsMicronautReadsIt() {
        assertThat(new Launcher(Map.of("MICRONAUT_ENVIRONMENTS", "prod"), System.out, System.err).production()).isTrue();
        assertThat(new Launcher(Map.of("MICRONAUT_ENVIRONMENTS", "dev,PROD"), System.out, System.err).production())
                .isTrue();
        assertThat(new Launcher(Map.of("MICRONAUT_ENVIRONMENTS", "dev"), System.out, System.err).production())
                .isFalse();
        assertThat(new Launcher(Map.of(), System.out, System.err).production()).isFalse();
    }
}
