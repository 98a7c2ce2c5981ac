package io.tierblog.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Debian's PgBouncer, started from {@code deploy/pgbouncer/pgbouncer.ini.example} with only its
 * addresses, ports, paths and pool size changed, in a directory of the test's own. As root it runs
 * as the {@code postgres} user (PgBouncer refuses to run as root).
 */
final class PgBouncer implements AutoCloseable {
    static final Path EXAMPLE = Path.of("..", "deploy", "pgbouncer", "pgbouncer.ini.example");
    /** The database name the example's [databases] section gives clients. */
    static final String DATABASE = "tierblog";

    private final Path program;
    private final Path directory;
    private final Path ini;
    private final String example;
    private final Map<String, String> settings;
    private final int port;
    private Process process;

    private PgBouncer(Path program, Path directory, String example, Map<String, String> settings, int port) {
        this.program = program;
        this.directory = directory;
        this.ini = directory.resolve("pgbouncer.ini");
        this.example = example;
        this.settings = settings;
        this.port = port;
    }

    /**
     * Starts PgBouncer on a free loopback port below 32768, in front of {@code serverHost:serverPort/serverDatabase},
     * letting in {@code user} with {@code password} (PgBouncer logs in to PostgreSQL as that user too).
     */
    static PgBouncer start(Path program, Path directory, String serverHost, int serverPort, String serverDatabase,
                           String user, String password, int poolSize) {
        try {
            Files.createDirectories(directory);
            String example = Files.readString(EXAMPLE);
            Path userlist = directory.resolve("userlist.txt");
            Files.writeString(userlist, quoted(user) + " " + quoted(password) + "\n");
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(DATABASE, server(serverHost, serverPort, serverDatabase));
            int port = freeLowPort();
            settings.put("listen_addr", "127.0.0.1");
            settings.put("listen_port", String.valueOf(port));
            settings.put("default_pool_size", String.valueOf(poolSize));
            settings.put("reserve_pool_size", "0");
            settings.put("auth_file", userlist.toAbsolutePath().toString());
            // To standard error, which the test keeps in a file; no pid file without -d.
            settings.put("logfile", "");
            settings.put("pidfile", "");
            PgBouncer bouncer = new PgBouncer(program, directory, example, settings, port);
            bouncer.writeIni();
            bouncer.launch();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** The value the example sets for {@code key} (in the [pgbouncer] section), as the running PgBouncer has it. */
    String setting(String key) {
        return settings.getOrDefault(key, exampleValue(key));
    }

    /** What PgBouncer has logged so far. */
    String log() {
        try {
            Path log = directory.resolve("pgbouncer.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        // runuser waits for PgBouncer: stop PgBouncer itself (SIGTERM), then runuser.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PgBouncer will not run as root; the postgres user must be able to read its files.
            Path temporary = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            for (Path folder = directory.toAbsolutePath(); folder != null && folder.startsWith(temporary)
                    && !folder.equals(temporary); folder = folder.getParent()) {
                readableByAll(folder, true);
            }
            readableByAll(ini, false);
            readableByAll(directory.resolve("userlist.txt"), false);
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(program.toString());
        command.add(ini.toAbsolutePath().toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("pgbouncer.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("PgBouncer did not start listening on 127.0.0.1:" + port + ":\n" + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * The example with the test's values in place of the example's: each key must be in the
     * example exactly once, so a renamed or dropped setting fails here rather than go unnoticed.
     */
    private void writeIni() {
        List<String> lines = new ArrayList<>(example.lines().toList());
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            int found = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("^" + java.util.regex.Pattern.quote(setting.getKey()) + "\\s*=.*")) {
                    if (found >= 0) {
                        throw new IllegalStateException(EXAMPLE + " sets " + setting.getKey() + " twice");
                    }
                    found = i;
                }
            }
            if (found < 0) {
                throw new IllegalStateException(EXAMPLE + " has no line setting " + setting.getKey());
            }
            lines.set(found, setting.getKey() + " = " + setting.getValue());
        }
        try {
            Files.writeString(ini, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exampleValue(String key) {
        return example.lines()
                .filter(line -> line.matches("^" + java.util.regex.Pattern.quote(key) + "\\s*=.*"))
                .map(line -> line.substring(line.indexOf('=') + 1).trim())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(EXAMPLE + " has no line setting " + key));
    }

    private static String server(String host, int port, String database) {
        return "host=" + host + " port=" + port + " dbname=" + database;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static void readableByAll(Path path, boolean directory) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /**
     * A port nobody listens on, below 32768, where Linux's ephemeral range starts: in that range a
     * client retrying a dead local port can connect to itself, and then nothing else could bind it.
     */
    static int freeLowPort() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", candidate));
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }
}
