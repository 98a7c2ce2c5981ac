package io.tierblog.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a streaming standby made from it with {@code pg_basebackup -R}, on
 * loopback, from Debian's PostgreSQL 15 binaries ({@code /usr/lib/postgresql/15/bin}). The zonky
 * binaries the other tests use carry no {@code pg_basebackup}. {@code initdb} and {@code postgres}
 * refuse root, so both servers run as the {@code postgres} OS user, their data and sockets in this
 * object's own directory; {@link #close()} stops both and removes it. Ports are below 32768.
 */
final class StreamingReplica implements AutoCloseable {
    static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String DATABASE = "tierblog";
    static final String OS_USER = "postgres";
    /** The standby needs at least the primary's max_connections. */
    private static final String MAX_CONNECTIONS = "60";

    private final Path directory;
    private final int primaryPort;
    private final int standbyPort;

    private StreamingReplica(Path directory, int primaryPort, int standbyPort) {
        this.directory = directory;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** Why this machine cannot make a streaming replica, if it cannot. */
    static Optional<String> missing() {
        for (String program : List.of("initdb", "pg_ctl", "postgres", "pg_basebackup")) {
            if (!Files.isExecutable(PG_BIN.resolve(program))) {
                return Optional.of(PG_BIN.resolve(program) + " is missing (Debian's postgresql-15 package); the "
                        + "embedded binaries have no pg_basebackup");
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("running PostgreSQL as the " + OS_USER + " OS user needs root");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return Optional.of("runuser is missing");
        }
        try {
            Process id = new ProcessBuilder("id", "-u", OS_USER).redirectErrorStream(true).start();
            if (!id.waitFor(10, TimeUnit.SECONDS) || id.exitValue() != 0) {
                return Optional.of("there is no " + OS_USER + " OS user");
            }
        } catch (IOException | InterruptedException e) {
            return Optional.of("cannot look up the " + OS_USER + " OS user: " + e);
        }
        return Optional.empty();
    }

    /** A primary with database {@value #DATABASE}, and its standby streaming from it. */
    static StreamingReplica start() throws Exception {
        Path directory = Files.createTempDirectory("tierblog-replica");
        int primaryPort = freeLowPort(-1);
        int standbyPort = freeLowPort(primaryPort);
        StreamingReplica servers = new StreamingReplica(directory, primaryPort, standbyPort);
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(directory.resolve("run"));
            chown(directory);
            servers.asPostgres(Duration.ofSeconds(60), PG_BIN.resolve("initdb").toString(), "-D",
                    servers.primaryData().toString(), "-U", OS_USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                    "--no-sync");
            servers.startPrimary();
            try (Connection connection = servers.connect(primaryPort, "postgres");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            servers.asPostgres(Duration.ofSeconds(60), PG_BIN.resolve("pg_basebackup").toString(), "-h", "127.0.0.1",
                    "-p", Integer.toString(primaryPort), "-U", OS_USER, "-D", servers.standbyData().toString(), "-R",
                    "-X", "stream", "-c", "fast", "--no-sync");
            servers.startStandby();
            return servers;
        } catch (Exception | AssertionError e) {
            servers.close();
            throw e;
        }
    }

    int primaryPort() {
        return primaryPort;
    }

    int standbyPort() {
        return standbyPort;
    }

    /** {@code DATABASE_URL} for the primary. */
    String primaryUrl() {
        return "postgresql://" + OS_USER + "@127.0.0.1:" + primaryPort + "/" + DATABASE;
    }

    /** {@code DATABASE_REPLICA_URL} for the standby. */
    String standbyUrl() {
        return "postgresql://" + OS_USER + "@127.0.0.1:" + standbyPort + "/" + DATABASE;
    }

    Connection primary() throws SQLException {
        return connect(primaryPort, DATABASE);
    }

    Connection standby() throws SQLException {
        return connect(standbyPort, DATABASE);
    }

    /** Stops the standby at once, as if its machine went away (no shutdown checkpoint). */
    void stopStandby() throws Exception {
        asPostgres(Duration.ofSeconds(30), PG_BIN.resolve("pg_ctl").toString(), "-D", standbyData().toString(),
                "-m", "immediate", "-w", "stop");
    }

    void startStandby() throws Exception {
        start(standbyData(), standbyPort, "standby");
    }

    private void startPrimary() throws Exception {
        start(primaryData(), primaryPort, "primary");
    }

    private void start(Path data, int port, String name) throws Exception {
        String options = "-c listen_addresses=127.0.0.1 -c port=" + port
                + " -c unix_socket_directories=" + directory.resolve("run")
                + " -c max_connections=" + MAX_CONNECTIONS + " -c wal_level=replica -c max_wal_senders=5"
                + " -c hot_standby=on -c fsync=off -c synchronous_commit=on -c shared_buffers=32MB";
        asPostgres(Duration.ofSeconds(60), PG_BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options,
                "-l", directory.resolve(name + ".log").toString(), "-w", "-t", "50", "start");
    }

    private Path primaryData() {
        return directory.resolve("primary");
    }

    private Path standbyData() {
        return directory.resolve("standby");
    }

    /** The last lines each server logged, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("primary", "standby")) {
            try {
                List<String> lines = Files.readAllLines(directory.resolve(name + ".log"), StandardCharsets.UTF_8);
                text.append("--- ").append(name).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                text.append("--- ").append(name).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (Path data : List.of(standbyData(), primaryData())) {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                try {
                    asPostgres(Duration.ofSeconds(30), PG_BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                            "-m", "immediate", "-w", "stop");
                } catch (Exception | AssertionError e) {
                    // go on with the other one
                }
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private void asPostgres(Duration limit, String... command) throws Exception {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--", "env", "-i",
                "HOME=" + directory, "PATH=" + PG_BIN + ":/usr/bin:/bin", "LANG=C.UTF-8"));
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("commands.log").toFile())).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + limit);
        }
        if (process.exitValue() != 0) {
            String log = Files.readString(directory.resolve("commands.log"));
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                    + log.substring(Math.max(0, log.length() - 3000)) + "\n" + logs());
        }
    }

    private static void chown(Path path) throws IOException, InterruptedException {
        Process chown = new ProcessBuilder("chown", "-R", OS_USER + ":", path.toString()).redirectErrorStream(true).start();
        if (!chown.waitFor(10, TimeUnit.SECONDS) || chown.exitValue() != 0) {
            throw new IOException("chown failed: " + new String(chown.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Connection connect(int port, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", OS_USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    /** A port in 20000–32000 that nothing listens on now (and not {@code other}). */
    private static int freeLowPort(int other) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            if (port == other) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port below 32768");
    }

    /** Runs {@code sql} on a connection and returns the first column of the first row. */
    static String one(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
