package io.tierblog.persistence.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a server on the given data directory and exits without closing it: the shutdown hook must. */
final class ExitWithoutClosing {
    private ExitWithoutClosing() {
    }

    public static void main(String[] arguments) throws Exception {
        LocalPostgres server = LocalPostgres.builder().dataDirectory(Path.of(arguments[0])).fsync(false).start();
        String pid = Files.readAllLines(server.dataDirectory().resolve("postmaster.pid")).get(0).strip();
        System.out.println("postmaster " + pid);
        System.exit(0);
    }
}
