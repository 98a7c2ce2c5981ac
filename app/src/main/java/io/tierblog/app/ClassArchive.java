package io.tierblog.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The class-data sharing archive a bare {@code java -jar tierblog.jar} finds by itself. JDK 17
 * maps an archive only when the command line names it ({@code -XX:SharedArchiveFile}), which
 * halves the start-up; so when {@code serve} starts without one, from a jar that has its archive
 * beside it ({@code tierblog.jsa}, which the build records; docs/operations.md), this JVM starts
 * the same command again with the archive added, passes its exit status on and stops it with the
 * signal it is stopped with. The JVM that waits holds little memory and does nothing else; the
 * server's JVM stops by itself if the one that started it is killed.
 *
 * <p>Nothing is started again when the command line or {@code JAVA_TOOL_OPTIONS} /
 * {@code JDK_JAVA_OPTIONS} already say how to share classes (an archive, {@code -Xshare:off}, a
 * recording), when the archive is missing or older than the jar, for commands other than
 * {@code serve}, when not started with {@code -jar}, or with {@code TIERBLOG_CLASS_ARCHIVE=off}.
 */
final class ClassArchive {
    static final String SWITCH = "TIERBLOG_CLASS_ARCHIVE";
    /** Set in the started JVM's environment to the pid of the one that waits for it. */
    static final String STARTED_BY = "TIERBLOG_CLASS_ARCHIVE_STARTED_BY";
    private static final List<String> SHARING_OPTIONS = List.of("SharedArchiveFile", "-Xshare",
            "ArchiveClassesAtExit", "DumpLoadedClassList", "SharedClassListFile");

    private ClassArchive() {
    }

    /**
     * The command that starts this one again with its archive, or empty when there is nothing to
     * gain. {@code command} is this JVM's executable and its arguments (from
     * {@link ProcessHandle.Info}); {@code jar} the jar this class was loaded from.
     */
    static Optional<List<String>> command(List<String> command, Path jar, Map<String, String> env, String[] args) {
        if (command.isEmpty() || "off".equalsIgnoreCase(env.getOrDefault(SWITCH, "")) || env.containsKey(STARTED_BY)) {
            return Optional.empty();
        }
        boolean serve = args.length == 0 || args[0].startsWith("-") || args[0].equals("serve");
        int jarOption = command.indexOf("-jar");
        if (!serve || jarOption < 1 || jarOption + 1 >= command.size()) {
            return Optional.empty();
        }
        List<String> jvmOptions = new ArrayList<>(command.subList(1, jarOption));
        jvmOptions.add(env.getOrDefault("JAVA_TOOL_OPTIONS", ""));
        jvmOptions.add(env.getOrDefault("JDK_JAVA_OPTIONS", ""));
        if (jvmOptions.stream().anyMatch(option -> SHARING_OPTIONS.stream().anyMatch(option::contains))) {
            return Optional.empty();
        }
        String name = jar.getFileName().toString();
        Path archive = jar.resolveSibling(name.replaceFirst("\\.jar$", "") + ".jsa");
        if (!fresh(archive, jar)) {
            return Optional.empty();
        }
        List<String> again = new ArrayList<>(command.subList(0, jarOption));
        again.add("-XX:SharedArchiveFile=" + archive);
        again.addAll(command.subList(jarOption, command.size()));
        return Optional.of(again);
    }

    private static boolean fresh(Path archive, Path jar) {
        try {
            if (!Files.isRegularFile(archive) || !Files.isReadable(archive)) {
                return false;
            }
            FileTime recorded = Files.getLastModifiedTime(archive);
            return recorded.compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts this command again with the archive if there is one to use, and returns its exit
     * status once it has stopped; empty when this JVM should serve by itself.
     */
    static OptionalInt runWithArchive(String[] args) {
        Optional<Path> jar = ownJar();
        ProcessHandle.Info info = ProcessHandle.current().info();
        if (jar.isEmpty() || info.command().isEmpty() || info.arguments().isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(info.command().get());
        command.addAll(List.of(info.arguments().get()));
        Optional<List<String>> again = command(command, jar.get(), System.getenv(), args);
        if (again.isEmpty()) {
            return OptionalInt.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(again.get()).inheritIO();
        builder.environment().put(STARTED_BY, Long.toString(ProcessHandle.current().pid()));
        Process server;
        try {
            server = builder.start();
        } catch (IOException cannotStart) {
            return OptionalInt.empty();
        }
        // SIGTERM or Ctrl-C here: the server gets SIGTERM and drains; this JVM waits for it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (server.isAlive()) {
                server.destroy();
                try {
                    server.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "class-archive-server-stop"));
        while (true) {
            try {
                return OptionalInt.of(server.waitFor());
            } catch (InterruptedException e) {
                // Keep waiting: only the server decides when it is done.
            }
        }
    }

    /** In the started server: stop when the JVM that started it is gone (killed, say). */
    static void followStarter(Map<String, String> env) {
        String starter = env.get(STARTED_BY);
        if (starter == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(starter)).ifPresentOrElse(
                    handle -> handle.onExit().thenRun(() -> System.exit(143)), () -> System.exit(143));
        } catch (NumberFormatException ignored) {
            // Not set by this class: nothing to follow.
        }
    }

    private static Optional<Path> ownJar() {
        try {
            var source = ClassArchive.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path path = Path.of(source.getLocation().toURI());
            return path.getFileName() != null && path.getFileName().toString().endsWith(".jar")
                    && Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
