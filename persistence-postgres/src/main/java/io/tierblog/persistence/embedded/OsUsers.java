package io.tierblog.persistence.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Who this process runs as, and which unprivileged user can stand in for root. */
final class OsUsers {
    private static final Ids NOBODY = new Ids(65_534, 65_534);

    private OsUsers() {
    }

    record Ids(long uid, long gid) {
    }

    static boolean currentUserIsRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError | UnsupportedOperationException notAvailable) {
            return "0".equals(idU());
        }
    }

    /**
     * A user the programs may run as: initdb insists that its user exists in the user database,
     * so this is {@code nobody} from /etc/passwd, else its first non-root user, else 65534.
     */
    static Ids unprivilegedUser() {
        try {
            return unprivilegedUser(Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return NOBODY;
        }
    }

    static Ids unprivilegedUser(List<String> passwd) {
        Ids firstNonRoot = null;
        for (String line : passwd) {
            String[] fields = line.split(":");
            if (fields.length < 4 || !fields[2].matches("\\d+") || !fields[3].matches("\\d+")) {
                continue;
            }
            Ids ids = new Ids(Long.parseLong(fields[2]), Long.parseLong(fields[3]));
            if (fields[0].equals("nobody") && ids.uid() != 0) {
                return ids;
            }
            if (firstNonRoot == null && ids.uid() != 0) {
                firstNonRoot = ids;
            }
        }
        return firstNonRoot != null ? firstNonRoot : NOBODY;
    }

    private static String idU() {
        try {
            Process process = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
