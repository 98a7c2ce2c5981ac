package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tierblog.app.deploy.DeployFiles.Instruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, read instruction by instruction (no container engine runs here): its build runs
 * the README's package step, it runs the jar that step makes with the JVM settings the blog is
 * measured with, as a numeric non-root user, on the app's ports, with a health check on the
 * management port. {@link DeploymentRoutesIT} runs its archive-recording step, its entrypoint and
 * its health check against the packaged jar.
 */
class DockerfileTest {
    static final Path DOCKERFILE = DeployFiles.root().resolve("Dockerfile");
    /** The README's package step (the one CI runs as part of verify), in batch mode. */
    static final String PACKAGE_STEP = "./mvnw -B -ntp -DskipTests package";

    private final AppContract app = AppContract.load();
    private final List<Instruction> instructions = DeployFiles.dockerfile(DOCKERFILE);
    private final int runtime = instructions.stream().mapToInt(Instruction::stage).max().orElseThrow();

    static List<Instruction> instructions() {
        return DeployFiles.dockerfile(DOCKERFILE);
    }

    static List<String> entrypoint() {
        List<Instruction> entrypoints = instructions().stream().filter(i -> i.keyword().equals("ENTRYPOINT")).toList();
        assertThat(entrypoints).hasSize(1);
        return entrypoints.get(0).execForm();
    }

    /** The entrypoint's options between {@code java} and {@code -jar}. */
    static List<String> entrypointJvmOptions() {
        List<String> entrypoint = entrypoint();
        assertThat(entrypoint.get(0)).isEqualTo("java");
        return entrypoint.subList(1, entrypoint.indexOf("-jar"));
    }

    /** The arguments of the runtime stage's archive-recording RUN: jar, archive, JVM options. */
    static List<String> recordingArguments() {
        List<Instruction> runs = instructions().stream()
                .filter(i -> i.keyword().equals("RUN") && i.arguments().contains("record-class-archive.sh")).toList();
        assertThat(runs).hasSize(1);
        List<String> words = Arrays.asList(runs.get(0).arguments().split(" "));
        assertThat(words.subList(0, 2)).containsExactly("bash", "/app/record-class-archive.sh");
        return words.subList(2, words.size());
    }

    static Map<String, String> environment() {
        return instructions().stream().filter(i -> i.keyword().equals("ENV"))
                .flatMap(i -> Arrays.stream(i.arguments().split(" ")))
                .map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    static long imageUid() {
        List<Instruction> users = instructions().stream().filter(i -> i.keyword().equals("USER")).toList();
        assertThat(users).hasSize(1);
        String user = users.get(0).arguments().split(":")[0];
        assertThat(user).as("numeric, so runAsNonRoot can check it").matches("\\d+");
        return Long.parseLong(user);
    }

    @Test
    void buildsWithTheReadmesPackageStepOnAJdkAndRunsOnAJre() {
        List<Instruction> froms = instructions.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertThat(froms).extracting(Instruction::arguments)
                .containsExactly("eclipse-temurin:17-jdk AS build", "eclipse-temurin:17-jre");
        assertThat(instructions).filteredOn(i -> i.stage() == 0 && i.keyword().equals("RUN"))
                .extracting(Instruction::arguments).containsExactly(PACKAGE_STEP);
        String readme = DeployFiles.read(DeployFiles.root().resolve("README.md"));
        assertThat(readme).contains("./mvnw -Pserve", "./mvnw verify", "java -jar " + AppContract.JAR);
        assertThat(instructions).filteredOn(i -> i.stage() == runtime && i.keyword().equals("COPY"))
                .extracting(Instruction::arguments)
                .contains("--from=build /src/" + AppContract.JAR + " /app/tierblog.jar");
        assertThat(entrypoint()).endsWith("-jar", "/app/tierblog.jar");
        assertThat(instructions).filteredOn(i -> i.keyword().equals("CMD")).singleElement()
                .satisfies(cmd -> assertThat(cmd.execForm()).containsExactly("serve"));
    }

    @Test
    void runsWithTheJvmSettingsTheBlogIsMeasuredWith() {
        List<String> measured = app.jvmOptions();
        assertThat(entrypointJvmOptions()).containsSubsequence(measured)
                .contains("-XX:SharedArchiveFile=/app/tierblog.jsa")
                .hasSize(measured.size() + 1);
        List<String> recording = recordingArguments();
        assertThat(recording.subList(0, 2)).containsExactly("/app/tierblog.jar", "/app/tierblog.jsa");
        assertThat(recording.subList(2, recording.size())).as("the archive recorded with the same settings")
                .containsExactlyElementsOf(measured);
        assertThat(environment()).containsAllEntriesOf(app.jvmEnvironment());
    }

    @Test
    void runsAsANonRootUserOnTheAppsPortsAndStopsOnSigterm() {
        assertThat(imageUid()).isPositive();
        int userAt = indexOf("USER");
        assertThat(indexOf("ENTRYPOINT")).isGreaterThan(userAt);
        assertThat(instructions.subList(userAt, instructions.size())).noneMatch(i -> i.keyword().equals("RUN"));
        assertThat(single("STOPSIGNAL")).isEqualTo("SIGTERM");
        AppContract.Setting http = app.httpPort();
        assertThat(environment()).containsEntry(http.variable(), http.defaultValue());
        assertThat(single("EXPOSE").split(" ")).contains(http.defaultValue());
    }

    /** Depends on the management port ({@code endpoints.all.port}) being in application.yml. */
    @Test
    void healthCheckAsksLivenessOnTheManagementPort() {
        AppContract.Setting management = app.managementPort();
        assertThat(single("EXPOSE").split(" ")).containsExactlyInAnyOrder(app.httpPort().defaultValue(), management.defaultValue());
        assertThat(environment()).containsEntry(management.variable(), management.defaultValue());
        Instruction healthcheck = instructions.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).findFirst().orElseThrow();
        assertThat(healthcheck.execForm()).containsExactly("bash", "/app/healthcheck.sh", AppContract.LIVENESS_PATH);
        String script = DeployFiles.read(DeployFiles.root().resolve("deploy/docker/healthcheck.sh"));
        assertThat(script).contains("${" + management.variable() + ":-" + management.defaultValue() + "}");
        assertThat(instructions).filteredOn(i -> i.stage() == runtime && i.keyword().equals("COPY"))
                .extracting(Instruction::arguments)
                .contains("deploy/docker/healthcheck.sh deploy/docker/record-class-archive.sh /app/");
    }

    @Test
    void dockerignoreKeepsBuildOutputSecretsAndHistoryOutButNotTheSources() throws Exception {
        List<String> ignored = Files.readAllLines(DeployFiles.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertThat(ignored).contains(".git", "**/target", "var", ".env");
        for (String needed : List.of("mvnw", ".mvn", ".mvn/wrapper/maven-wrapper.properties", "pom.xml", "app", "domain",
                "web", "migrations", "persistence-postgres", "deploy", "deploy/docker")) {
            assertThat(ignored).as("the build needs %s", needed).noneMatch(pattern -> pattern.equals(needed)
                    || pattern.equals("*") || pattern.equals("**") || pattern.equals(needed + "/**"));
            assertThat(DeployFiles.root().resolve(needed)).exists();
        }
    }

    private int indexOf(String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword);
    }

    private String single(String keyword) {
        List<Instruction> found = instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        assertThat(found).as(keyword).hasSize(1);
        return found.get(0).arguments();
    }
}
