package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a bare {@code java -jar} starts itself again with the archive beside the jar, and how. */
class ClassArchiveTest {
    @TempDir
    Path directory;
    Path jar;
    Path archive;

    @BeforeEach
    void jarAndArchive() throws Exception {
        jar = Files.writeString(directory.resolve("tierblog.jar"), "jar");
        archive = Files.writeString(directory.resolve("tierblog.jsa"), "archive");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T10:00:00Z")));
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-12-01T10:00:05Z")));
    }

    private List<String> bare(String... rest) {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/java", "-Xmx256m", "-jar", "app/target/tierblog.jar"));
        command.addAll(List.of(rest));
        return command;
    }

    @Test
    void serveWithoutAnArchiveStartsAgainWithTheOneBesideTheJarAndTheSameOptionsAndArguments() {
        assertThat(ClassArchive.command(bare(), jar, Map.of(), new String[0])).contains(List.of("/usr/bin/java",
                "-Xmx256m", "-XX:SharedArchiveFile=" + archive, "-jar", "app/target/tierblog.jar"));
        assertThat(ClassArchive.command(bare("serve", "--micronaut.server.port=9000"), jar, Map.of(),
                new String[] {"serve", "--micronaut.server.port=9000"})).hasValueSatisfying(command -> assertThat(command)
                .endsWith("-jar", "app/target/tierblog.jar", "serve", "--micronaut.server.port=9000"));
        assertThat(ClassArchive.command(bare("--micronaut.server.port=9000"), jar, Map.of(),
                new String[] {"--micronaut.server.port=9000"})).isPresent();
    }

    @Test
    void nothingStartsAgainWhenSharingIsAlreadySaidOrSwitchedOffOrForShortCommands() {
        for (String option : List.of("-XX:SharedArchiveFile=/app/tierblog.jsa", "-Xshare:off",
                "-XX:ArchiveClassesAtExit=x.jsa", "-XX:DumpLoadedClassList=x.lst")) {
            List<String> command = List.of("java", option, "-jar", "tierblog.jar");
            assertThat(ClassArchive.command(command, jar, Map.of(), new String[0])).as(option).isEmpty();
        }
        assertThat(ClassArchive.command(bare(), jar, Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=a.jsa"),
                new String[0])).isEmpty();
        assertThat(ClassArchive.command(bare(), jar, Map.of("JDK_JAVA_OPTIONS", "-Xshare:off"), new String[0])).isEmpty();
        assertThat(ClassArchive.command(bare(), jar, Map.of(ClassArchive.SWITCH, "off"), new String[0])).isEmpty();
        assertThat(ClassArchive.command(bare(), jar, Map.of(ClassArchive.STARTED_BY, "1"), new String[0])).isEmpty();
        for (String command : List.of("migrate", "info", "help")) {
            assertThat(ClassArchive.command(bare(command), jar, Map.of(), new String[] {command})).as(command).isEmpty();
        }
        assertThat(ClassArchive.command(List.of("java", "-cp", "classes", "io.tierblog.app.Application"), jar, Map.of(),
                new String[0])).as("not started with -jar").isEmpty();
    }

    @Test
    void anArchiveThatIsMissingOrOlderThanTheJarIsNotUsed() throws Exception {
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-01T11:00:00Z")));
        assertThat(ClassArchive.command(bare(), jar, Map.of(), new String[0])).as("older").isEmpty();
        Files.delete(archive);
        assertThat(ClassArchive.command(bare(), jar, Map.of(), new String[0])).as("missing").isEmpty();
    }
}
