package io.tierblog.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresTest {
    @TempDir
    Path temp;

    @Test
    void keepsItsDataAcrossStopAndStartOnTheSamePort() throws Exception {
        Path data = temp.resolve("pgdata");
        try (LocalPostgres server = persistent(data)) {
            int port = server.port();
            execute(server, "CREATE TABLE notes (text text)", "INSERT INTO notes VALUES ('kept')");

            server.stop();

            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> server.connect("blog").close()).isInstanceOf(SQLException.class);

            server.start();

            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(query(server, "SELECT text FROM notes")).containsExactly("kept");
        }
        assertThat(data.resolve("PG_VERSION")).isRegularFile();
    }

    @Test
    void aNewServerReusesAnExistingDataDirectory() throws Exception {
        Path data = temp.resolve("pgdata");
        try (LocalPostgres first = persistent(data)) {
            execute(first, "CREATE TABLE notes (text text)", "INSERT INTO notes VALUES ('from the first run')");
        }

        try (LocalPostgres second = persistent(data)) {
            assertThat(query(second, "SELECT text FROM notes")).containsExactly("from the first run");
        }
    }

    @Test
    void killEndsTheServerAtOnceAndStartRecoversCommittedData() throws Exception {
        try (LocalPostgres server = LocalPostgres.builder().database("blog").start()) {
            execute(server, "CREATE TABLE notes (text text)", "INSERT INTO notes VALUES ('committed')");
            long postmaster = postmasterPid(server);
            try (Connection open = server.connect("blog")) {

                server.kill();

                assertThat(server.isRunning()).isFalse();
                assertThat(ProcessHandle.of(postmaster)).isEmpty();
                assertThatThrownBy(() -> query(open, "SELECT 1")).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> server.connect("blog").close()).isInstanceOf(SQLException.class);

            server.start();

            assertThat(postmasterPid(server)).isNotEqualTo(postmaster);
            assertThat(query(server, "SELECT text FROM notes")).containsExactly("committed");
        }
    }

    @Test
    void runsLocallyInUtf8WithUtcLogsAndTheChosenDurability() throws Exception {
        try (LocalPostgres durable = LocalPostgres.builder().start();
             LocalPostgres fast = LocalPostgres.builder().fsync(false).start()) {
            assertThat(query(durable, "postgres", "SHOW listen_addresses")).containsExactly("127.0.0.1");
            assertThat(query(durable, "postgres", "SHOW server_encoding")).containsExactly("UTF8");
            assertThat(query(durable, "postgres", "SHOW log_timezone")).containsExactly("UTC");
            assertThat(query(durable, "postgres", "SHOW fsync")).containsExactly("on");
            assertThat(query(fast, "postgres", "SHOW fsync")).containsExactly("off");
            assertThat(durable.jdbcUrl("x")).isEqualTo("jdbc:postgresql://127.0.0.1:" + durable.port() + "/x");
            assertThat(durable.port()).isNotEqualTo(fast.port());
        }
    }

    @Test
    void aThrowawayDataDirectoryIsDeletedOnClose() {
        Path data;
        try (LocalPostgres server = LocalPostgres.builder().fsync(false).start()) {
            data = server.dataDirectory();
            assertThat(data.resolve("PG_VERSION")).isRegularFile();
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void startWhileRunningAndStopWhileStoppedDoNothing() throws Exception {
        try (LocalPostgres server = LocalPostgres.builder().fsync(false).start()) {
            long postmaster = postmasterPid(server);

            server.start();

            assertThat(postmasterPid(server)).isEqualTo(postmaster);
            server.stop();
            server.stop();
            assertThat(server.isRunning()).isFalse();
        }
    }

    @Test
    void aClosedServerCannotStartAgain() {
        LocalPostgres server = LocalPostgres.builder().fsync(false).start();
        server.close();

        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGivenPortIsUsed() throws Exception {
        int port;
        try (LocalPostgres probe = LocalPostgres.builder().fsync(false).start()) {
            port = probe.port();
        }
        try (LocalPostgres server = LocalPostgres.builder().port(port).fsync(false).start()) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(query(server, "postgres", "SHOW port")).containsExactly(String.valueOf(port));
        }
    }

    @Test
    void aDataDirectoryInUseByAnotherServerIsRefusedWithTheReason() {
        Path data = temp.resolve("pgdata");
        try (LocalPostgres first = LocalPostgres.builder().dataDirectory(data).fsync(false).start()) {
            assertThatThrownBy(() -> LocalPostgres.builder().dataDirectory(data).fsync(false).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("postmaster.pid");
            assertThat(first.isRunning()).isTrue();
        }
    }

    @Test
    void noServerOutlivesItsJvm() throws Exception {
        Path data = temp.resolve("pgdata");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                ExitWithoutClosing.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        long postmaster = Long.parseLong(output.lines().filter(l -> l.startsWith("postmaster "))
                .findFirst().orElseThrow(() -> new AssertionError(output)).substring("postmaster ".length()).strip());

        assertThat(data.resolve("postmaster.pid")).doesNotExist();
        assertThat(gone(postmaster)).as("postmaster %d ended", postmaster).isTrue();
    }

    private static LocalPostgres persistent(Path data) {
        return LocalPostgres.builder().dataDirectory(data).fsync(false).database("blog").start();
    }

    /** Whether the process ends within seconds: pg_ctl returns once postmaster.pid is gone, a moment before. */
    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 500 && ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent(); i++) {
            Thread.sleep(20);
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
    }

    private static long postmasterPid(LocalPostgres server) throws IOException {
        return Long.parseLong(Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).get(0).strip());
    }

    private static void execute(LocalPostgres server, String... statements) throws SQLException {
        try (Connection connection = server.connect("blog"); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(LocalPostgres server, String sql) throws SQLException {
        return query(server, "blog", sql);
    }

    private static List<String> query(LocalPostgres server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database)) {
            return query(connection, sql);
        }
    }

    private static List<String> query(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
