package io.tierblog.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server on this machine, run from the binaries on the classpath: the development
 * database when no {@code DATABASE_URL} is given, and the tests' database.
 *
 * <p>It listens on 127.0.0.1 only, lets user {@value #USER} in without a password (trust), and
 * runs with UTF-8 and {@code timezone=UTC}. A data directory that already holds a cluster is
 * reused as it is; an empty or missing one gets a new cluster. Without a data directory the server
 * runs on a throwaway one that {@link #close()} deletes. A shutdown hook closes the server when the
 * JVM exits, so none outlives it.
 *
 * <p>{@link #stop()}, {@link #start()} and {@link #kill()} let tests take the server away and
 * bring it back on the same data directory and port.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);

    private final Path dataDirectory;
    private final boolean throwaway;
    private final int port;
    private final boolean fsync;
    private final PostgresLauncher launcher;
    private final Thread shutdownHook;
    private boolean running;
    private boolean closed;

    private LocalPostgres(Path dataDirectory, boolean throwaway, int port, boolean fsync, PostgresLauncher launcher) {
        this.dataDirectory = dataDirectory;
        this.throwaway = throwaway;
        this.port = port;
        this.fsync = fsync;
        this.launcher = launcher;
        this.shutdownHook = new Thread(this::closeQuietly, "local-postgres-shutdown-" + port);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server: on the first call it makes the cluster if the data directory holds none;
     * after {@link #stop()} or {@link #kill()} it starts again on the same directory and port (after
     * a kill, PostgreSQL recovers from its write-ahead log). Does nothing while running.
     */
    public synchronized void start() {
        requireOpen();
        if (isRunning()) {
            return;
        }
        try {
            if (!DataDirectories.holdsCluster(dataDirectory)) {
                initdb();
            }
            launcher.run(PROGRAM_TIMEOUT, "pg_ctl", List.of("start", "-w", "-t", "90", "-D", dataDirectory.toString(),
                    "-l", serverLog().toString(), "-o", serverOptions()));
        } catch (IllegalStateException failure) {
            throw new IllegalStateException(failure.getMessage() + "\nServer log:\n"
                    + PostgresLauncher.tail(serverLog()), failure);
        }
        running = true;
        LOG.info("Local PostgreSQL listening on {}:{} with data in {}", HOST, port, dataDirectory);
    }

    /** Shuts the server down cleanly (fast mode: open sessions are ended). Does nothing when stopped. */
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        launcher.run(PROGRAM_TIMEOUT, "pg_ctl", List.of("stop", "-w", "-t", "90", "-m", "fast",
                "-D", dataDirectory.toString()));
        running = false;
    }

    /**
     * Kills the server as a crash would: SIGKILL to the postmaster named in postmaster.pid. Then
     * waits for its backends to notice and exit (killing any that linger), so that {@link #start()}
     * can follow at once.
     */
    public synchronized void kill() {
        Optional<ProcessHandle> postmaster = postmasterPid().stream().boxed()
                .map(ProcessHandle::of).flatMap(Optional::stream).findFirst();
        if (postmaster.isEmpty()) {
            running = false;
            return;
        }
        List<ProcessHandle> backends = postmaster.get().descendants().toList();
        postmaster.get().destroyForcibly();
        awaitExit(postmaster.get());
        backends.forEach(LocalPostgres::awaitExitOrKill);
        running = false;
    }

    /** True while the postmaster this object started is alive. */
    public synchronized boolean isRunning() {
        if (running && postmasterPid().stream().boxed().map(ProcessHandle::of).noneMatch(Optional::isPresent)) {
            running = false;
        }
        return running;
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    public String username() {
        return USER;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The JDBC URL of a database on this server; log in as {@link #username()} with no password. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** A new connection to a database on this server, as {@link #username()}. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Creates the database unless it exists. */
    public void createDatabaseIfMissing(String database) {
        Objects.requireNonNull(database, "database");
        try (Connection connection = connect("postgres")) {
            try (PreparedStatement exists =
                         connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet result = exists.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + quoteIdentifier(database));
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // Created meanwhile by someone else.
            }
            throw new IllegalStateException("Could not create database " + database + " on local PostgreSQL", e);
        }
    }

    /** Stops the server, deletes a throwaway data directory, and forgets the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
        } finally {
            closed = true;
            if (throwaway) {
                try {
                    DataDirectories.deleteRecursively(dataDirectory);
                } catch (IOException e) {
                    LOG.warn("Could not delete the throwaway data directory {}", dataDirectory, e);
                }
            }
            removeShutdownHook();
        }
    }

    @Override
    public String toString() {
        return "LocalPostgres[" + HOST + ":" + port + ", " + dataDirectory + "]";
    }

    private void initdb() {
        try {
            DataDirectories.createPrivate(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the data directory " + dataDirectory, e);
        }
        List<String> arguments = new ArrayList<>(List.of("-D", dataDirectory.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-instructions"));
        if (!fsync) {
            arguments.add("--no-sync");
        }
        launcher.run(PROGRAM_TIMEOUT, "initdb", arguments);
    }

    /** The settings, given on each start so that an existing cluster runs with them too. */
    private String serverOptions() {
        List<String> settings = new ArrayList<>(List.of("-p " + port, "-c listen_addresses=" + HOST,
                "-c unix_socket_directories=''", "-c timezone=UTC", "-c log_timezone=UTC",
                "-c fsync=" + (fsync ? "on" : "off")));
        if (!fsync) {
            settings.add("-c synchronous_commit=off");
            settings.add("-c full_page_writes=off");
        }
        return String.join(" ", settings);
    }

    private Path serverLog() {
        return dataDirectory.resolve("server.log");
    }

    private OptionalLong postmasterPid() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (!lines.isEmpty() && lines.get(0).strip().matches("\\d+")) {
                return OptionalLong.of(Long.parseLong(lines.get(0).strip()));
            }
        } catch (IOException | UncheckedIOException absent) {
            // No pid file: no server.
        }
        return OptionalLong.empty();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warn("Could not stop local PostgreSQL on port {}", port, e);
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting: the hook runs or has run.
        }
    }

    private static boolean awaitExit(ProcessHandle process) {
        Instant deadline = Instant.now().plus(EXIT_WAIT);
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !process.isAlive();
    }

    private static void awaitExitOrKill(ProcessHandle process) {
        if (!awaitExit(process)) {
            process.destroyForcibly();
            awaitExit(process);
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        }
    }

    /** How to run a {@link LocalPostgres}; {@link #start()} makes and starts it. */
    public static final class Builder {
        private Path dataDirectory;
        private int port;
        private boolean fsync = true;
        private final List<String> databases = new ArrayList<>();

        private Builder() {
        }

        /**
         * Keeps the cluster in this directory, which survives {@link LocalPostgres#close()}: an
         * existing cluster is reused, an empty or missing directory gets a new one. Without it the
         * server runs on a throwaway directory under {@code java.io.tmpdir}.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /** The port to listen on; 0, the default, picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Whether committed data must survive a crash of the machine (the default, and what a
         * development database needs). Off trades that for speed, for throwaway test servers.
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /** A database to create on start if it does not exist. */
        public Builder database(String name) {
            databases.add(Objects.requireNonNull(name, "name"));
            return this;
        }

        public LocalPostgres start() {
            PostgresLauncher launcher = PostgresLauncher.forCurrentUser(PostgresBinaries.binDirectory());
            boolean throwaway = dataDirectory == null;
            Path directory;
            try {
                directory = throwaway ? Files.createTempDirectory("tierblog-pgdata-") : dataDirectory;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create a throwaway data directory", e);
            }
            LocalPostgres server = new LocalPostgres(directory, throwaway, port == 0 ? freePort() : port, fsync,
                    launcher);
            Runtime.getRuntime().addShutdownHook(server.shutdownHook);
            try {
                server.start();
                databases.forEach(server::createDatabaseIfMissing);
            } catch (RuntimeException failure) {
                server.closeQuietly();
                throw failure;
            }
            return server;
        }
    }
}
