package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tierblog.persistence.testing.TestDatabase;
import io.tierblog.persistence.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SIGTERM does to the shipped jar: both ports stop taking connections at once, requests in
 * flight finish, idle keep-alive connections are closed cleanly, and the grace period bounds it
 * all.
 */
class GracefulShutdownIT {
    @TempDir
    Path directory;
    private JarInstance instance;

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    private JarInstance start(TestDatabase database, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "DATABASE_URL", TestApp.databaseUrl(database),
                "SECRET_KEY", "a graceful shutdown test key, long enough for HS256",
                "TIERBLOG_DATA_DIR", directory.toString()));
        env.putAll(extra);
        instance = JarInstance.start(JarInstance.quietPort(), JarInstance.quietPort(), env,
                directory.resolve("instance.log")).awaitReady(Duration.ofSeconds(90));
        return instance;
    }

    @Test
    void aRequestInFlightFinishesWhileNewConnectionsAreRefusedAndIdleOnesClosed() throws Exception {
        TestDatabase database = TestDatabases.freshSchema("drain");
        JarInstance app = start(database, Map.of());
        assertThat(get(app.port(), "/")).startsWith("HTTP/1.1 200");

        try (Socket idle = new Socket("127.0.0.1", app.port());
             Connection admin = database.connect()) {
            // A keep-alive connection that has had its answer and waits for the next request.
            idle.setSoTimeout(10_000);
            send(idle, "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(readAnswer(idle.getInputStream())).startsWith("HTTP/1.1 200");

            // The index waits on this lock (under the 1.5 s statement timeout): a request in flight.
            admin.setAutoCommit(false);
            try (Statement statement = admin.createStatement()) {
                statement.execute("LOCK TABLE \"" + database.schema() + "\".posts IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> get(app.port(), "/"));
            JarInstance.sleep(Duration.ofMillis(250));

            Instant term = Instant.now();
            app.process().destroy();
            JarInstance.sleep(Duration.ofMillis(250));
            assertThatThrownBy(() -> new Socket("127.0.0.1", app.port()).close()).as("public port")
                    .isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new Socket("127.0.0.1", app.managementPort()).close())
                    .as("management port: readiness is down").isInstanceOf(ConnectException.class);
            assertThat(idle.getInputStream().read()).as("the idle connection is closed cleanly (FIN, no reset)")
                    .isEqualTo(-1);
            assertThat(inFlight).as("still in flight").isNotDone();
            assertThat(app.process().isAlive()).isTrue();

            admin.commit();
            String answer = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answer).as("the request in flight got its page").startsWith("HTTP/1.1 200")
                    .contains("</html>");
            assertThat(app.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            Duration drain = Duration.between(term, Instant.now());
            System.out.printf("drain with a request in flight: %d ms%n", drain.toMillis());
            assertThat(app.process().exitValue()).isEqualTo(143);
            assertThat(app.log()).doesNotContain("Exception").doesNotContain("ERROR");
        }
    }

    @Test
    void theGracePeriodBoundsARequestThatNeverEnds() throws Exception {
        JarInstance app = start(TestDatabases.freshSchema("grace"), Map.of("TIERBLOG_SHUTDOWN_GRACE_PERIOD", "2s"));
        try (Socket stuck = new Socket("127.0.0.1", app.port())) {
            // A body that never arrives in full.
            send(stuck, "POST /auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 100\r\n\r\nusername=");
            JarInstance.sleep(Duration.ofMillis(300));
            Duration took = app.terminate(Duration.ofSeconds(30));
            System.out.printf("exit with a request that never ends, grace period 2 s: %d ms%n", took.toMillis());
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void withNothingInFlightTheInstanceExitsPromptly() throws Exception {
        JarInstance app = start(TestDatabases.freshSchema("prompt"), Map.of());
        assertThat(get(app.port(), "/")).startsWith("HTTP/1.1 200");
        Duration took = app.terminate(Duration.ofSeconds(30));
        System.out.printf("exit with nothing in flight: %d ms%n", took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(app.process().exitValue()).isEqualTo(143);
    }

    private static String get(int port, String path) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            send(socket, "GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one answer with a Content-Length from a connection that stays open. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:");
        int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
        in.readNBytes(length);
        return head.toString();
    }
}
