package io.tierblog.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL programs as a user they accept. initdb and postgres refuse to run as root,
 * so for root they run in a new user namespace ({@code unshare --user}) that maps an unprivileged
 * user (the one named {@code nobody}, when there is one) to root: inside it the programs are not
 * root, while every file root owns appears to be theirs, so data directories need no chown. The
 * namespace shares the host's process ids, so postmaster.pid stays true outside it too.
 */
final class PostgresLauncher {
    private static final List<String> CLEARED_ENVIRONMENT =
            List.of("PGDATA", "PGPORT", "PGHOST", "PGUSER", "PGDATABASE", "PGOPTIONS", "PGPASSWORD");

    private final Path binDirectory;
    private final List<String> prefix;

    private PostgresLauncher(Path binDirectory, List<String> prefix) {
        this.binDirectory = binDirectory;
        this.prefix = prefix;
    }

    static PostgresLauncher forCurrentUser(Path binDirectory) {
        if (!OsUsers.currentUserIsRoot()) {
            return new PostgresLauncher(binDirectory, List.of());
        }
        OsUsers.Ids user = OsUsers.unprivilegedUser();
        return new PostgresLauncher(binDirectory,
                List.of("unshare", "--user", "--map-user=" + user.uid(), "--map-group=" + user.gid()));
    }

    /** True when the programs run in a user namespace because this process is root. */
    boolean mapsRootToUnprivilegedUser() {
        return !prefix.isEmpty();
    }

    List<String> command(String program, List<String> arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.add(binDirectory.resolve(program).toString());
        command.addAll(arguments);
        return command;
    }

    /**
     * Runs a program to its end and returns what it printed.
     *
     * @throws IllegalStateException when it fails or overruns, with the end of its output
     */
    String run(Duration timeout, String program, List<String> arguments) {
        Path output = null;
        try {
            output = Files.createTempFile("tierblog-" + program + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command(program, arguments))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            Map<String, String> environment = builder.environment();
            CLEARED_ENVIRONMENT.forEach(environment::remove);
            Process process = start(builder, program);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + timeout + ": "
                        + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed with exit code " + process.exitValue() + ": "
                        + tail(output));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + program, e);
        } finally {
            deleteQuietly(output);
        }
    }

    private Process start(ProcessBuilder builder, String program) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            if (mapsRootToUnprivilegedUser()) {
                throw new IOException("PostgreSQL refuses to run as root, and 'unshare' (util-linux) could not run "
                        + program + " as an unprivileged user; run as a non-root user or install util-linux", e);
            }
            throw e;
        }
    }

    /** The last lines of a log, enough to tell why a program failed. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())).strip();
        } catch (IOException | UncheckedIOException unreadable) {
            return "(no output)";
        }
    }

    private static void deleteQuietly(Path file) {
        Optional.ofNullable(file).ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // A leftover temporary file does no harm.
            }
        });
    }
}
