package io.tierblog.persistence.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {
    @TempDir
    Path cache;

    @Test
    void installsOnceIntoADirectoryKeyedByTheArchiveAndLeavesNoPartialCopies() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Callable<Path> install = () -> PostgresBinaries.install(cache);
            List<Future<Path>> installs = threads.invokeAll(List.of(install, install, install));
            Path installed = installs.get(0).get();

            for (Future<Path> other : installs) {
                assertThat(other.get()).isEqualTo(installed);
            }
            assertThat(installed.getFileName().toString()).matches("pg-[0-9a-f]{16}");
            assertThat(installed.resolve("bin/postgres")).isExecutable();
            assertThat(installed.resolve("bin/initdb")).isExecutable();
            assertThat(installed.resolve("bin/pg_ctl")).isExecutable();
            assertThat(installed.resolve("share/postgresql/timezone/UTC")).isRegularFile();
            try (Stream<Path> entries = Files.list(cache)) {
                assertThat(entries.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.contains("partial"));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSecondInstallReusesTheFirst() {
        Path first = PostgresBinaries.install(cache);
        FileTime extracted = lastModified(first.resolve("bin/postgres"));

        Path second = PostgresBinaries.install(cache);

        assertThat(second).isEqualTo(first);
        assertThat(lastModified(second.resolve("bin/postgres"))).isEqualTo(extracted);
    }

    @Test
    void anUnfinishedDirectoryWithoutItsMarkerIsReplaced() throws Exception {
        Path installed = PostgresBinaries.install(cache);
        Files.delete(installed.resolve(".complete"));
        Files.delete(installed.resolve("bin/postgres"));

        Path again = PostgresBinaries.install(cache);

        assertThat(again).isEqualTo(installed);
        assertThat(again.resolve("bin/postgres")).isExecutable();
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
