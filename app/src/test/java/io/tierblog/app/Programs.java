package io.tierblog.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds programs from Debian's packages that some tests drive (nginx, ip). */
final class Programs {
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Programs() {
    }

    /** The program on the PATH, or in the system directories a non-login PATH may leave out. */
    static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.stream.Stream.concat(List.of(path.split(File.pathSeparator)).stream(),
                        SYSTEM_DIRECTORIES.stream())
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * True when the environment says a test that needs these programs must run rather than skip
     * ({@code .ci/run} sets it after installing them).
     */
    static boolean required(String variable) {
        return "1".equals(System.getenv(variable));
    }

    /** Closes each of these that is not null, in order, going on with the others when one fails. */
    static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // go on with the others
                }
            }
        }
    }
}
