package io.tierblog.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes read into Kubernetes' own model classes (no unknown field anywhere) and held
 * to what the app serves and reads: its ports, probe paths, environment variables, drain time and
 * the image's user and command. {@link DeploymentRoutesIT} starts the jar with these values.
 */
class KubernetesManifestsTest {
    static final Path DIRECTORY = DeployFiles.root().resolve("deploy/kubernetes");

    private final AppContract app = AppContract.load();
    private final Deployment deployment = deployment();
    private final Container container = onlyContainer(deployment.getSpec().getTemplate().getSpec());
    private final Job job = DeployFiles.manifest(DIRECTORY.resolve("migrate-job.yaml"), Job.class);

    static Deployment deployment() {
        return DeployFiles.manifest(DIRECTORY.resolve("deployment.yaml"), Deployment.class);
    }

    static Job migrateJob() {
        return DeployFiles.manifest(DIRECTORY.resolve("migrate-job.yaml"), Job.class);
    }

    static Container onlyContainer(PodSpec pod) {
        assertThat(pod.getContainers()).hasSize(1);
        return pod.getContainers().get(0);
    }

    @Test
    void everyManifestReadsIntoItsModelAndKustomizationListsTheOnesAppliedTogether() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            manifests = files.filter(file -> file.toString().endsWith(".yaml"))
                    .filter(file -> !file.getFileName().toString().equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(manifests).extracting(file -> file.getFileName().toString()).containsExactlyInAnyOrder(
                "deployment.yaml", "service.yaml", "ingress.yaml", "pdb.yaml", "migrate-job.yaml", "secret.example.yaml");
        manifests.forEach(DeployFiles::manifest);

        Map<String, Object> kustomization = new Yaml().load(DeployFiles.read(DIRECTORY.resolve("kustomization.yaml")));
        assertThat(kustomization.get("kind")).isEqualTo("Kustomization");
        assertThat(DeployFiles.list(kustomization.get("resources"), "resources"))
                .as("applied with kubectl apply -k; the Job (immutable, one per release) and the example Secret on their own")
                .containsExactlyInAnyOrder("deployment.yaml", "service.yaml", "ingress.yaml", "pdb.yaml");
    }

    @Test
    void deploymentRollsOutWithoutLosingCapacity() {
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
        assertThat(rolling.getMaxUnavailable()).isEqualTo(new IntOrString(0));
        assertThat(rolling.getMaxSurge()).isEqualTo(new IntOrString(1));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        assertThat(container.getArgs()).as("the image's entrypoint runs the jar; serve is its default command")
                .containsExactly("serve");
    }

    @Test
    void publicPortIsTheOneTheAppListensOn() {
        AppContract.Setting http = app.httpPort();
        assertThat(port(container, "http").getContainerPort()).isEqualTo(Integer.parseInt(http.defaultValue()));
        assertThat(env(container)).containsEntry(http.variable(), http.defaultValue());
    }

    /** Depends on the management port ({@code endpoints.all.port}) being in application.yml. */
    @Test
    void probesAskTheAppsHealthEndpointsOnTheManagementPort() {
        AppContract.Setting management = app.managementPort();
        ContainerPort managementPort = port(container, "management");
        assertThat(managementPort.getContainerPort()).isEqualTo(Integer.parseInt(management.defaultValue()));
        assertThat(env(container)).containsEntry(management.variable(), management.defaultValue());

        assertProbe(container.getStartupProbe(), AppContract.LIVENESS_PATH);
        assertProbe(container.getLivenessProbe(), AppContract.LIVENESS_PATH);
        assertProbe(container.getReadinessProbe(), AppContract.READINESS_PATH);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/port", management.defaultValue())
                .containsEntry("prometheus.io/path", AppContract.PROMETHEUS_PATH);
    }

    private void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(get.getPort()).as("by name").isEqualTo(new IntOrString("management"));
        assertThat(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds()).isLessThanOrEqualTo(probe.getPeriodSeconds());
    }

    @Test
    void environmentNamesAreOnesTheAppReads() {
        Set<String> read = app.environmentVariables();
        for (Container each : List.of(container, onlyContainer(job.getSpec().getTemplate().getSpec()))) {
            assertThat(each.getEnv()).extracting(EnvVar::getName).doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(read).as("variables the app reads").contains(name));
        }
        Map<String, String> env = env(container);
        assertThat(env.get("MICRONAUT_ENVIRONMENTS").split(",")).contains(AppContract.productionEnvironment());
        assertThat(env).as("migrate-job.yaml migrates before the rollout")
                .containsEntry(app.migrateOnStart().variable(), "false");
        assertThat(env).containsKey(app.trustedProxies().variable());
        assertThat(Integer.parseInt(env.get(app.poolSize().variable())))
                .as("pinned: without it the pool follows the node's cores").isBetween(1, 20);
    }

    @Test
    void databaseUrlAndSecretKeyComeFromTheSecretTheExampleShows() {
        Secret example = DeployFiles.manifest(DIRECTORY.resolve("secret.example.yaml"), Secret.class);
        assertThat(example.getMetadata().getName()).isEqualTo("tierblog");
        assertThat(DeployFiles.read(DIRECTORY.resolve("secret.example.yaml"))).contains("AN EXAMPLE");
        assertThat(example.getStringData().get("secret-key")).startsWith("EXAMPLE")
                .hasSizeGreaterThanOrEqualTo(AppContract.secretKeyMinLength());

        Map<String, SecretKeySelector> references = secretReferences(container);
        assertThat(references).containsOnlyKeys(AppContract.databaseUrlVariable(), AppContract.secretKeyVariable());
        Map<String, SecretKeySelector> jobReferences = secretReferences(onlyContainer(job.getSpec().getTemplate().getSpec()));
        assertThat(jobReferences).containsOnlyKeys(AppContract.databaseUrlVariable());
        Stream.concat(references.values().stream(), jobReferences.values().stream()).forEach(reference -> {
            assertThat(reference.getName()).isEqualTo(example.getMetadata().getName());
            assertThat(example.getStringData()).containsKey(reference.getKey());
        });
        assertThat(jobReferences.get(AppContract.databaseUrlVariable()))
                .isEqualTo(references.get(AppContract.databaseUrlVariable()));
    }

    static Map<String, SecretKeySelector> secretReferences(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValueFrom() != null)
                .collect(Collectors.toMap(EnvVar::getName, variable -> {
                    assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
                    return variable.getValueFrom().getSecretKeyRef();
                }));
    }

    /** Depends on the drain ({@code micronaut.lifecycle.graceful-shutdown.grace-period}) being in application.yml. */
    @Test
    void terminationGraceCoversThePreStopPauseAndTheDrain() {
        List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        Duration pause = Duration.ofSeconds(Long.parseLong(preStop.get(1)));
        Duration drain = app.shutdownGracePeriodDefault();
        String override = env(container).get(app.shutdownGracePeriod().variable());
        if (override != null) {
            drain = DeployFiles.duration(override);
        }
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertThat(Duration.ofSeconds(grace)).as("preStop %s + drain %s, then the JVM's exit", pause, drain)
                .isGreaterThan(pause.plus(drain).plusSeconds(2));
    }

    @Test
    void podRunsAsTheImagesUserOnAReadOnlyRootWithAWritableTmp() {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        for (PodSpec each : List.of(pod, job.getSpec().getTemplate().getSpec())) {
            assertThat(each.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(each.getSecurityContext().getRunAsUser()).isEqualTo(DockerfileTest.imageUid());
            Container only = onlyContainer(each);
            assertThat(only.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(only.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(only.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            VolumeMount tmp = only.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError("no /tmp mount"));
            Volume volume = each.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
            assertThat(volume.getEmptyDir()).isNotNull();
        }
    }

    @Test
    void memoryRequestCoversTheMeasuredPeakAndTheLimitTheHeapAndMore() {
        long heap = AppContract.heapMiB(DockerfileTest.entrypointJvmOptions());
        for (Container each : List.of(container, onlyContainer(job.getSpec().getTemplate().getSpec()))) {
            Map<String, Quantity> requests = each.getResources().getRequests();
            Map<String, Quantity> limits = each.getResources().getLimits();
            long request = mebibytes(requests.get("memory"));
            long limit = mebibytes(limits.get("memory"));
            // docs/performance.md: largest RSS sample 278 MiB under load with -Xmx256m.
            assertThat(request).isBetween(280L, limit);
            assertThat(limit).as("heap %d MiB plus metaspace, code cache, threads", heap).isGreaterThanOrEqualTo(heap + 192);
            assertThat(requests).containsKey("cpu");
        }
    }

    private static long mebibytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValue() / (1024 * 1024);
    }

    @Test
    void migrateJobRunsTheJarsMigrateCommandWithTheDeploymentsImage() {
        Container migrate = onlyContainer(job.getSpec().getTemplate().getSpec());
        assertThat(DockerfileTest.entrypoint()).as("the image's entrypoint").endsWith("-jar", "/app/tierblog.jar");
        assertThat(migrate.getCommand()).as("the image's entrypoint").isNullOrEmpty();
        assertThat(migrate.getArgs()).containsExactly("migrate");
        assertThat(migrate.getImage()).isEqualTo(container.getImage());
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isIn("Never", "OnFailure");
        assertThat(job.getSpec().getBackoffLimit()).isPositive();
    }

    @Test
    void serviceIngressAndDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Service service = DeployFiles.manifest(DIRECTORY.resolve("service.yaml"), Service.class);
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts()).as("pages only, never the management port").singleElement()
                .satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http")));
        ServicePort servicePort = service.getSpec().getPorts().get(0);

        Ingress ingress = DeployFiles.manifest(DIRECTORY.resolve("ingress.yaml"), Ingress.class);
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isNotBlank();
            assertThat(tls.getHosts()).containsExactlyElementsOf(
                    ingress.getSpec().getRules().stream().map(IngressRule::getHost).toList());
        });
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo(servicePort.getName());
            }
        }

        PodDisruptionBudget budget = DeployFiles.manifest(DIRECTORY.resolve("pdb.yaml"), PodDisruptionBudget.class);
        assertThat(budget.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isLessThan(deployment.getSpec().getReplicas());
    }

    static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(port -> name.equals(port.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + name));
    }

    /** The container's plain values (secret references left out). */
    static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
