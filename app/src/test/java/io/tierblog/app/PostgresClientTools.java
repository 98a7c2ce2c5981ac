package io.tierblog.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pg_dump}, {@code pg_restore} and {@code psql} of one PostgreSQL release, found on this
 * machine: in {@value #BIN_VARIABLE} if set, Debian's and RHEL's versioned directories, Homebrew's,
 * and the {@code PATH}. {@code pg_dump} refuses a server newer than itself, so tests ask for a
 * release at least the server's.
 */
record PostgresClientTools(Path directory, int major) {
    /** A directory with the client programs to use, whatever else is installed. */
    static final String BIN_VARIABLE = "TEST_PG_BIN";
    private static final List<String> PROGRAMS = List.of("pg_dump", "pg_restore", "psql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    Path program(String name) {
        return directory.resolve(name);
    }

    /** The closest release at least {@code serverMajor}; empty, with what was found, when there is none. */
    static Found find(int serverMajor) {
        List<PostgresClientTools> candidates = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path directory : directories()) {
            if (!Files.isDirectory(directory) || !seen.add(realPath(directory))) {
                continue;
            }
            release(directory).ifPresent(major -> candidates.add(new PostgresClientTools(directory, major)));
        }
        Optional<PostgresClientTools> fit = candidates.stream().filter(tools -> tools.major() >= serverMajor)
                .min(Comparator.comparingInt(PostgresClientTools::major));
        return new Found(fit, candidates);
    }

    record Found(Optional<PostgresClientTools> tools, List<PostgresClientTools> candidates) {
        String describe() {
            return candidates.isEmpty() ? "none"
                    : String.join(", ", candidates.stream().map(t -> t.major() + " in " + t.directory()).toList());
        }
    }

    private static Set<Path> directories() {
        Set<Path> directories = new LinkedHashSet<>();
        Optional.ofNullable(System.getenv(BIN_VARIABLE)).filter(s -> !s.isBlank()).map(Path::of).ifPresent(directories::add);
        versioned(Path.of("/usr/lib/postgresql"), "*", directories);
        versioned(Path.of("/usr"), "pgsql-*", directories);
        versioned(Path.of("/opt/homebrew/opt"), "postgresql@*", directories);
        versioned(Path.of("/usr/local/opt"), "postgresql@*", directories);
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                directories.add(Path.of(entry));
            }
        }
        return directories;
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException unreadable) {
            return directory.toAbsolutePath().normalize();
        }
    }

    private static void versioned(Path parent, String glob, Set<Path> into) {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> children = Files.newDirectoryStream(parent, glob)) {
            children.forEach(child -> into.add(child.resolve("bin")));
        } catch (IOException unreadable) {
            // nothing there for us
        }
    }

    /** The release of the directory's programs, when all of them are there and of one release. */
    private static Optional<Integer> release(Path directory) {
        Set<Integer> majors = new LinkedHashSet<>();
        for (String program : PROGRAMS) {
            Path path = directory.resolve(program);
            if (!Files.isExecutable(path)) {
                return Optional.empty();
            }
            Optional<Integer> major = version(path);
            if (major.isEmpty()) {
                return Optional.empty();
            }
            majors.add(major.get());
        }
        return majors.size() == 1 ? Optional.of(majors.iterator().next()) : Optional.empty();
    }

    private static Optional<Integer> version(Path program) {
        try {
            Run run = run(List.of(program.toString(), "--version"), Map.of(), Duration.ofSeconds(10));
            Matcher matcher = VERSION.matcher(run.output());
            return run.status() == 0 && matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException | IllegalStateException notRunnable) {
            return Optional.empty();
        }
    }

    /** What a program printed (standard output and error together) and how it exited. */
    record Run(int status, String output) {
    }

    /** Runs a program to its end; environment entries are added to this process's. */
    static Run run(List<String> command, Map<String, String> environment, Duration timeout) throws IOException {
        Path output = Files.createTempFile("tierblog-pg-client", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(command + " did not finish within " + timeout + ": "
                            + Files.readString(output));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while running " + command, e);
            }
            return new Run(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
