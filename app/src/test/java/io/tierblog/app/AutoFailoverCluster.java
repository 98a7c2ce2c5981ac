package io.tierblog.app;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A pg_auto_failover formation on loopback, made from Debian's packages
 * ({@code postgresql-15-auto-failover}, {@code pg-auto-failover-cli}): a monitor and two
 * PostgreSQL nodes, each run by its own {@code pg_autoctl ... --run}. {@code pg_autoctl} and
 * {@code initdb} refuse root, so everything runs as the {@code postgres} OS user with its
 * configuration, state and sockets ({@code XDG_*}) in this cluster's own directory, and a clean
 * {@code PATH} (pg_autoctl probes every {@code PATH} entry for {@code pg_ctl}). {@link #close()}
 * kills every process it started and removes the directory.
 */
final class AutoFailoverCluster implements AutoCloseable {
    static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final Path PG_AUTOCTL = Path.of("/usr/bin/pg_autoctl");
    static final Path EXTENSION = Path.of("/usr/share/postgresql/15/extension/pgautofailover.control");
    static final String DATABASE = "tierblog";
    static final String OS_USER = "postgres";

    /**
     * Health checks tuned to fail over in seconds rather than the defaults' half minute (set on
     * the monitor, whose extension reads them).
     */
    static final Map<String, String> MONITOR_SETTINGS = monitorSettings();

    private final Path directory;
    private final int monitorPort;
    private final int[] nodePorts;
    private final Map<String, Process> services = new LinkedHashMap<>();

    private AutoFailoverCluster(Path directory, int monitorPort, int[] nodePorts) {
        this.directory = directory;
        this.monitorPort = monitorPort;
        this.nodePorts = nodePorts;
    }

    private static Map<String, String> monitorSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pgautofailover.health_check_period", "1000");
        settings.put("pgautofailover.health_check_timeout", "1000");
        settings.put("pgautofailover.health_check_max_retries", "1");
        settings.put("pgautofailover.health_check_retry_delay", "500");
        settings.put("pgautofailover.node_considered_unhealthy_timeout", "2000");
        settings.put("pgautofailover.primary_demote_timeout", "3000");
        return settings;
    }

    /** Why this machine cannot run the formation, if it cannot. */
    static Optional<String> missing() {
        if (!Files.isExecutable(PG_AUTOCTL) || !Files.isExecutable(PG_BIN.resolve("pg_ctl"))
                || !Files.isRegularFile(EXTENSION)) {
            return Optional.of("pg_auto_failover is not installed (Debian packages postgresql-15-auto-failover "
                    + "and pg-auto-failover-cli)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("running pg_autoctl as the " + OS_USER + " OS user needs root");
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

    /** Starts the monitor, tunes it, then the first node (the primary) and the second (its standby). */
    static AutoFailoverCluster start(int monitorPort, int firstPort, int secondPort, Duration limit) throws Exception {
        Path directory = Files.createTempDirectory("tierblog-failover");
        AutoFailoverCluster cluster = new AutoFailoverCluster(directory, monitorPort, new int[] {firstPort, secondPort});
        try {
            cluster.prepareDirectory();
            long deadline = System.nanoTime() + limit.toNanos();
            cluster.service("monitor", "create", "monitor", "--pgdata", cluster.pgdata("monitor").toString(),
                    "--pgport", Integer.toString(monitorPort), "--hostname", "127.0.0.1", "--auth", "trust",
                    "--no-ssl", "--run");
            cluster.await(deadline, "the monitor answers", () -> cluster.monitorQuery("SELECT 1").size() == 1);
            try (Connection monitor = cluster.connect(monitorPort, "pg_auto_failover");
                 Statement statement = monitor.createStatement()) {
                for (Map.Entry<String, String> setting : MONITOR_SETTINGS.entrySet()) {
                    statement.execute("ALTER SYSTEM SET " + setting.getKey() + " = " + setting.getValue());
                }
                statement.execute("SELECT pg_reload_conf()");
            }
            for (int node = 1; node <= 2; node++) {
                String name = "node" + node;
                cluster.service(name, "create", "postgres", "--pgdata", cluster.pgdata(name).toString(),
                        "--pgport", Integer.toString(cluster.nodePorts[node - 1]), "--hostname", "127.0.0.1",
                        "--listen", "127.0.0.1", "--auth", "trust", "--no-ssl", "--dbname", DATABASE,
                        "--name", name, "--monitor", cluster.monitorUri(), "--run");
                String expected = node == 1 ? "single" : "secondary";
                boolean standby = node == 2;
                cluster.await(deadline, name + " reported " + expected, () -> {
                    if (standby) {
                        // The standby's pg_basebackup asks the primary for a spread checkpoint, which
                        // on an idle server takes up to half a minute; an immediate one finishes it now.
                        cluster.checkpoint("node1");
                    }
                    return cluster.states().getOrDefault(name, "").equals(expected + "/" + expected);
                });
            }
            cluster.await(deadline, "node1 primary and node2 secondary", () -> cluster.states().equals(
                    Map.of("node1", "primary/primary", "node2", "secondary/secondary")));
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** libpq's multi-host URL of the formation, as {@code pg_autoctl show uri --formation default} prints it. */
    String formationUri() throws Exception {
        String out = pgAutoctl("show", "uri", "--formation", "default", "--pgdata", pgdata("monitor").toString()).strip();
        if (!out.startsWith("postgres")) {
            throw new AssertionError("pg_autoctl show uri printed: " + out);
        }
        return out;
    }

    /** Each node's reported and goal state, as {@code reported/goal}, from the monitor. */
    Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (List<String> row : monitorQuery(
                "SELECT nodename, reportedstate::text || '/' || goalstate::text FROM pgautofailover.node ORDER BY nodeid")) {
            states.put(row.get(0), row.get(1));
        }
        return states;
    }

    /** The node whose reported state is primary, if any. */
    Optional<String> primary() {
        return states().entrySet().stream().filter(e -> e.getValue().startsWith("primary/"))
                .map(Map.Entry::getKey).findFirst();
    }

    int port(String node) {
        return nodePorts[Integer.parseInt(node.substring("node".length())) - 1];
    }

    String other(String node) {
        return node.equals("node1") ? "node2" : "node1";
    }

    /** A connection to a node's database, as the {@code postgres} user (trusted on loopback). */
    Connection connect(String node) throws SQLException {
        return connect(port(node), DATABASE);
    }

    /**
     * The node as if its machine died: SIGKILL to its pg_autoctl (so nothing restarts it), its
     * services and its postmaster.
     */
    void kill(String node) throws IOException {
        Process service = services.get(node);
        long postmaster = postmasterPid(node);
        if (service != null) {
            service.descendants().forEach(ProcessHandle::destroyForcibly);
            service.destroyForcibly();
        }
        if (postmaster > 0) {
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Starts a killed node's pg_autoctl again: it rejoins the formation as the monitor says (a standby). */
    void restart(String node) throws IOException {
        Process previous = services.get(node);
        if (previous != null) {
            try {
                previous.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        service(node, "run", "--pgdata", pgdata(node).toString());
    }

    /** What the monitor and each node wrote, for a failure message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (String name : services.keySet()) {
            Path log = directory.resolve(name + ".log");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                text.append("--- ").append(name).append(" (last lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                text.append("--- ").append(name).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        for (String name : services.keySet()) {
            try {
                kill(name);
            } catch (IOException | RuntimeException e) {
                // go on with the others
            }
        }
        long postmaster = postmasterPid("monitor");
        if (postmaster > 0) {
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        }
        // Backends notice their postmaster's death and exit; wait for them before removing their files.
        for (String name : List.of("monitor", "node1", "node2")) {
            waitForNoProcessIn(pgdata(name));
        }
        for (Process service : services.values()) {
            try {
                service.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private void prepareDirectory() throws IOException, InterruptedException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String sub : List.of("config", "share", "run", "data")) {
            Files.createDirectories(directory.resolve(sub));
        }
        Files.setPosixFilePermissions(directory.resolve("run"), PosixFilePermissions.fromString("rwx------"));
        Process chown = new ProcessBuilder("chown", "-R", OS_USER + ":", directory.resolve("config").toString(),
                directory.resolve("share").toString(), directory.resolve("run").toString(),
                directory.resolve("data").toString()).redirectErrorStream(true).start();
        if (!chown.waitFor(10, TimeUnit.SECONDS) || chown.exitValue() != 0) {
            throw new IOException("chown failed: " + new String(chown.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Path pgdata(String name) {
        return directory.resolve("data").resolve(name);
    }

    private String monitorUri() {
        return "postgres://autoctl_node@127.0.0.1:" + monitorPort + "/pg_auto_failover?sslmode=disable";
    }

    private List<String> asPostgres(String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", OS_USER, "--", "env", "-i",
                "HOME=" + directory,
                "XDG_CONFIG_HOME=" + directory.resolve("config"),
                "XDG_DATA_HOME=" + directory.resolve("share"),
                "XDG_RUNTIME_DIR=" + directory.resolve("run"),
                "PATH=" + PG_BIN + ":/usr/bin:/bin",
                "LANG=C.UTF-8",
                PG_AUTOCTL.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private void service(String name, String... args) throws IOException {
        Process process = new ProcessBuilder(asPostgres(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(name + ".log").toFile()))
                .start();
        services.put(name, process);
    }

    private String pgAutoctl(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(asPostgres(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("pg_autoctl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private List<List<String>> monitorQuery(String sql) {
        try (Connection monitor = connect(monitorPort, "pg_auto_failover");
             Statement statement = monitor.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(int port, String database) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", OS_USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private void checkpoint(String node) throws SQLException {
        try (Connection connection = connect(node); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    private long postmasterPid(String name) {
        try {
            List<String> lines = Files.readAllLines(pgdata(name).resolve("postmaster.pid"));
            return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static void waitForNoProcessIn(Path pgdata) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            boolean any = ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                    .map(line -> line.contains(pgdata.toString())).orElse(false));
            if (!any) {
                return;
            }
            ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(line -> line.contains(pgdata.toString())).orElse(false))
                    .forEach(ProcessHandle::destroyForcibly);
            JarInstance.sleep(Duration.ofMillis(200));
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private void await(long deadline, String what, Check check) throws InterruptedException {
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("pg_auto_failover: not " + what + " in time (" + states0() + ", last: " + last + ")\n"
                + logs());
    }

    private String states0() {
        try {
            return states().toString();
        } catch (RuntimeException e) {
            return "monitor: " + e.getMessage();
        }
    }
}
