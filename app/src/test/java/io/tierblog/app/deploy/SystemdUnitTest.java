package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/systemd: the units' essentials and the example environment file, held to what the app
 * reads. CI also runs {@code systemd-analyze verify} on both units (.ci/run), and
 * {@link DeploymentRoutesIT} runs their ExecStart lines with the example environment.
 */
class SystemdUnitTest {
    static final Path DIRECTORY = DeployFiles.root().resolve("deploy/systemd");
    static final String SERVICE = "Service";
    static final List<String> HARDENING = List.of("NoNewPrivileges", "CapabilityBoundingSet", "AmbientCapabilities",
            "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices", "ReadWritePaths", "ProtectKernelTunables",
            "ProtectKernelModules", "ProtectKernelLogs", "ProtectControlGroups", "ProtectClock", "ProtectHostname",
            "ProtectProc", "RestrictAddressFamilies", "RestrictNamespaces", "RestrictRealtime", "RestrictSUIDSGID",
            "LockPersonality", "RemoveIPC", "SystemCallArchitectures", "UMask");

    private final AppContract app = AppContract.load();
    private final Map<String, Map<String, List<String>>> server = serverUnit();
    private final Map<String, Map<String, List<String>>> migrate = migrateUnit();
    private final Map<String, String> envExample = envExample();

    static Map<String, Map<String, List<String>>> serverUnit() {
        return DeployFiles.unit(DIRECTORY.resolve("tierblog.service"));
    }

    static Map<String, Map<String, List<String>>> migrateUnit() {
        return DeployFiles.unit(DIRECTORY.resolve("tierblog-migrate.service"));
    }

    static Map<String, String> envExample() {
        return DeployFiles.envFile(DIRECTORY.resolve("tierblog.env.example"));
    }

    static List<String> execStart(Map<String, Map<String, List<String>>> unit) {
        return Arrays.asList(DeployFiles.single(unit, SERVICE, "ExecStart").split("\\s+"));
    }

    @Test
    void serverRunsTheJarWithTheMeasuredJvmSettingsAsItsOwnUser() {
        List<String> command = execStart(server);
        assertThat(command.get(0)).isEqualTo("/usr/bin/java");
        assertThat(command.subList(1, command.indexOf("-jar"))).containsSubsequence(app.jvmOptions())
                .contains("-XX:SharedArchiveFile=/var/lib/tierblog/tierblog.jsa")
                .hasSize(app.jvmOptions().size() + 1);
        assertThat(command).endsWith("-jar", "/opt/tierblog/tierblog.jar", "serve");
        assertThat(DeployFiles.unitEnvironment(server)).containsAllEntriesOf(app.jvmEnvironment());
        assertThat(DeployFiles.single(server, SERVICE, "User")).isEqualTo("tierblog");
        assertThat(DeployFiles.single(server, SERVICE, "EnvironmentFile")).isEqualTo("/etc/tierblog/tierblog.env");
        assertThat(DeployFiles.single(server, "Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void serverIsHardenedAndWritesOnlyItsStateDirectory() {
        Map<String, List<String>> service = server.get(SERVICE);
        assertThat(service).containsKeys(HARDENING.toArray(String[]::new));
        assertThat(DeployFiles.single(server, SERVICE, "NoNewPrivileges")).isEqualTo("yes");
        assertThat(DeployFiles.single(server, SERVICE, "ProtectSystem")).isEqualTo("strict");
        assertThat(DeployFiles.single(server, SERVICE, "ProtectHome")).isEqualTo("yes");
        assertThat(DeployFiles.single(server, SERVICE, "PrivateTmp")).isEqualTo("yes");
        assertThat(DeployFiles.single(server, SERVICE, "CapabilityBoundingSet")).as("no capabilities at all").isEmpty();
        assertThat(service).as("the JIT writes and runs code").doesNotContainKey("MemoryDenyWriteExecute");
        String dataDir = DeployFiles.unitEnvironment(server).get(AppContract.dataDirVariable());
        assertThat(dataDir).isEqualTo("/var/lib/" + DeployFiles.single(server, SERVICE, "StateDirectory"));
        assertThat(DeployFiles.single(server, SERVICE, "ReadWritePaths")).isEqualTo(dataDir);
        assertThat(DeployFiles.single(server, SERVICE, "WorkingDirectory")).isEqualTo(dataDir);
        assertThat(execStart(server)).anyMatch(option -> option.equals("-XX:SharedArchiveFile=" + dataDir + "/tierblog.jsa"));
    }

    /** Depends on the drain ({@code micronaut.lifecycle.graceful-shutdown.grace-period}) being in application.yml. */
    @Test
    void serverStopsOnSigtermWithMoreTimeThanTheDrainAndRestartsOnFailure() {
        assertThat(DeployFiles.single(server, SERVICE, "KillSignal")).isEqualTo("SIGTERM");
        Duration drain = app.shutdownGracePeriodDefault();
        assertThat(DeployFiles.duration(DeployFiles.single(server, SERVICE, "TimeoutStopSec")))
                .isGreaterThan(drain.plusSeconds(2));
        assertThat(DeployFiles.single(server, SERVICE, "Restart")).isEqualTo("on-failure");
        assertThat(DeployFiles.single(server, SERVICE, "SuccessExitStatus").split(" "))
                .as("the JVM's status after SIGTERM is a clean stop").contains("143");
    }

    @Test
    void migrateUnitRunsTheMigrateCommandWithTheSameUserEnvironmentAndHardening() {
        assertThat(DeployFiles.single(migrate, SERVICE, "Type")).isEqualTo("oneshot");
        assertThat(execStart(migrate)).startsWith("/usr/bin/java").endsWith("-jar", "/opt/tierblog/tierblog.jar", "migrate");
        for (String key : List.of("User", "Group", "EnvironmentFile", "StateDirectory", "WorkingDirectory", "Environment")) {
            assertThat(migrate.get(SERVICE).get(key)).as(key).isEqualTo(server.get(SERVICE).get(key));
        }
        for (String key : HARDENING) {
            assertThat(migrate.get(SERVICE).get(key)).as(key).isEqualTo(server.get(SERVICE).get(key));
        }
    }

    @Test
    void exampleEnvironmentUsesNamesTheAppReadsAndReachesPostgresOverVerifiedTls() {
        assertThat(envExample.keySet()).allSatisfy(name ->
                assertThat(app.environmentVariables()).as("variables the app reads").contains(name));
        assertThat(envExample.get(AppContract.databaseUrlVariable()))
                .contains("sslmode=verify-full").contains("sslrootcert=/etc/tierblog/");
        assertThat(envExample.get(AppContract.secretKeyVariable())).hasSizeGreaterThanOrEqualTo(AppContract.secretKeyMinLength());
        assertThat(envExample.get("MICRONAUT_ENVIRONMENTS").split(",")).contains(AppContract.productionEnvironment());
        assertThat(envExample).containsEntry(app.migrateOnStart().variable(), "false")
                .containsEntry(app.trustedProxies().variable(), "127.0.0.1,::1")
                .containsEntry(app.httpPort().variable(), app.httpPort().defaultValue())
                .containsKey(app.poolSize().variable());
        Map<String, String> unitEnv = new LinkedHashMap<>(DeployFiles.unitEnvironment(server));
        unitEnv.keySet().removeAll(app.jvmEnvironment().keySet());
        assertThat(unitEnv.keySet()).allSatisfy(name -> assertThat(app.environmentVariables()).contains(name));
    }

    /** Depends on the management port ({@code endpoints.all.port}) being in application.yml. */
    @Test
    void exampleEnvironmentNamesTheManagementPort() {
        assertThat(envExample).containsEntry(app.managementPort().variable(), app.managementPort().defaultValue());
    }
}
