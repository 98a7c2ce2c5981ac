package io.tierblog.persistence.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped as a {@code .txz} in zonky's binaries jar, extracted once into
 * {@code java.io.tmpdir/tierblog-postgres-<user>/<key>}. The key is the archive's SHA-256, so a new
 * binaries version gets its own directory. Extraction happens under a file lock and ends with an
 * atomic rename, so JVMs starting together neither corrupt nor half-use the directory.
 */
final class PostgresBinaries {
    private static final String COMPLETE_MARKER = ".complete";
    private static Path installed;

    private PostgresBinaries() {
    }

    /** The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}. */
    static synchronized Path binDirectory() {
        if (installed == null) {
            installed = install(Path.of(System.getProperty("java.io.tmpdir"),
                    "tierblog-postgres-" + System.getProperty("user.name")));
        }
        return installed.resolve("bin");
    }

    /** Installs into {@code cacheRoot} unless there already; one thread at a time, as file locks demand. */
    static synchronized Path install(Path cacheRoot) {
        try {
            byte[] archive = readArchive();
            String key = "pg-" + HexFormat.of().formatHex(sha256(archive), 0, 8);
            Path target = cacheRoot.resolve(key);
            if (Files.exists(target.resolve(COMPLETE_MARKER))) {
                return target;
            }
            Files.createDirectories(cacheRoot);
            try (FileChannel lockFile = FileChannel.open(cacheRoot.resolve(key + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(target.resolve(COMPLETE_MARKER))) {
                    Path partial = cacheRoot.resolve(key + ".partial-" + UUID.randomUUID());
                    extract(archive, partial);
                    Files.createFile(partial.resolve(COMPLETE_MARKER));
                    if (Files.exists(target)) {
                        DataDirectories.deleteRecursively(target);
                    }
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install the PostgreSQL binaries under " + cacheRoot, e);
        }
    }

    private static byte[] readArchive() throws IOException {
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture())) {
            return in.readAllBytes();
        }
    }

    private static String system() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return "Linux";
        }
        if (name.startsWith("mac")) {
            return "Darwin";
        }
        throw new UnsupportedOperationException("A local PostgreSQL server runs on Linux or macOS, not on "
                + System.getProperty("os.name"));
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", impossible);
        }
    }

    private static void extract(byte[] archive, Path into) throws IOException {
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar =
                     new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = root.resolve(entry.getName()).normalize();
                if (!path.startsWith(root)) {
                    throw new IOException("The PostgreSQL archive has an entry outside its root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, root.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                } else {
                    throw new IOException("The PostgreSQL archive has an entry of an unexpected type: "
                            + entry.getName());
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }
}
