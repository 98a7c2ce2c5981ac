package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without DATABASE_URL the app starts its own PostgreSQL server whose data survives restarts,
 * and keeps its generated secret key beside it so sessions survive too.
 */
class EmbeddedDataTierTest {
    @TempDir
    Path dataDirectory;

    @Test
    void dataAndSessionsSurviveARestart() throws Exception {
        Map<String, String> env = Map.of(
                "TIERBLOG_DATA_DIR", dataDirectory.toString(),
                "TIERBLOG_EMBEDDED_PORT", String.valueOf(TestApp.freePort()));
        WebSession visitor;
        try (TestApp first = TestApp.start(env)) {
            assertThat(first.running().dataTier().embedded()).isPresent();
            visitor = new WebSession(first.baseUrl()).registerAndLogIn("persistent", "pw-persistent");
            WebSession.expectRedirect(visitor.post("/create", "title", "Survives restarts", "body", ""), "/");
        }
        assertThat(dataDirectory.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(Files.readString(dataDirectory.resolve("secret-key")).trim()).hasSizeGreaterThanOrEqualTo(32);

        try (TestApp second = TestApp.start(env)) {
            WebSession again = new WebSession(second.baseUrl());
            assertThat(again.get("/").body()).contains("Survives restarts").contains("by persistent on");
            WebSession.expectRedirect(again.post("/auth/login", "username", "persistent", "password", "pw-persistent"), "/");
        }
    }
}
