package dev.bulwark.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders every overlay of deploy/k8s and checks each object against the Kubernetes API types and our rules. */
class KubernetesManifestsTests {

    /** The service's secrets, one file per setting, named after the property its config tree reads. */
    static final List<String> SECRET_FILES = List.of(
            "spring.datasource.password",
            "bulwark.redis.url",
            "bulwark.auth.signing-keys",
            "bulwark.bootstrap.admin.password");

    @TempDir
    static Path scratch;

    static Path k8s;

    @BeforeAll
    static void copyManifests() {
        k8s = Kustomize.copyWithDevSecrets(scratch);
    }

    static Rendered render(String folder) {
        return new Rendered(StrictKubernetes.parse(Kustomize.render(k8s.resolve(folder))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyObjectParsesStrictlyAndTheImageIsWhatBulwarkImageBuilds(String folder) {
        Rendered rendered = render(folder);

        assertThat(rendered.objects())
                .extracting(HasMetadata::getKind)
                .contains(
                        "Deployment",
                        "Service",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "ConfigMap");
        assertThat(rendered.container().getImage()).isEqualTo(Project.fromPom().image());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void thePodRunsLockedDown(String folder) {
        Rendered rendered = render(folder);
        PodSpec pod = rendered.pod();
        Container container = rendered.container();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(65532L);
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(rendered.volumeAt("/tmp").getEmptyDir()).isNotNull();
        Map<String, Quantity> limits = container.getResources().getLimits();
        assertThat(limits).containsKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                .isEqualByComparingTo(Quantity.getAmountInBytes(new Quantity("768Mi")));
        assertThat(Quantity.getAmountInBytes(
                        container.getResources().getRequests().get("memory")))
                .isEqualByComparingTo(Quantity.getAmountInBytes(limits.get("memory")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void probesAskTheManagementPortAndTheApiPortIsServed(String folder) {
        Rendered rendered = render(folder);
        Container container = rendered.container();

        assertThat(container.getPorts())
                .extracting(p -> p.getName() + "=" + p.getContainerPort())
                .containsExactlyInAnyOrder("http=8080", "management=8081");
        assertThat(probe(rendered, container.getStartupProbe())).isEqualTo("8081 /actuator/health/liveness");
        assertThat(probe(rendered, container.getLivenessProbe())).isEqualTo("8081 /actuator/health/liveness");
        assertThat(probe(rendered, container.getReadinessProbe())).isEqualTo("8081 /actuator/health/readiness");
        Service service = rendered.one(Service.class);
        assertThat(service.getSpec().getSelector()).isEqualTo(rendered.podLabelsSelected());
        assertThat(service.getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .contains(8080, 8081);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theGracePeriodCoversPreStopShutdownDelayAndDrainTimeout(String folder) {
        Rendered rendered = render(folder);
        Map<String, String> config = rendered.config();
        long preStop =
                rendered.container().getLifecycle().getPreStop().getSleep().getSeconds();
        long delay = seconds(config.get("BULWARK_SHUTDOWN_DELAY"));
        long drain = seconds(config.get("BULWARK_DRAIN_TIMEOUT"));

        assertThat(delay).as("the service's default (docs/operations.md)").isEqualTo(2);
        assertThat(drain).as("the service's default (docs/operations.md)").isEqualTo(20);
        assertThat(rendered.pod().getTerminationGracePeriodSeconds()).isEqualTo(preStop + delay + drain + 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everySettingProductionRequiresIsGivenAndSecretsAreFiles(String folder) {
        Rendered rendered = render(folder);

        assertThat(rendered.config()).containsKeys("SPRING_DATASOURCE_URL", "BULWARK_WEB_ALLOWEDHOSTS");
        assertThat(rendered.config().get("SPRING_DATASOURCE_URL")).startsWith("jdbc:postgresql://");
        var mount = rendered.container().getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/run/secrets/bulwark"))
                .findFirst()
                .orElseThrow();
        assertThat(mount.getReadOnly()).isTrue();
        var secretVolume = rendered.volumeAt("/run/secrets/bulwark").getSecret();
        assertThat(secretVolume.getItems())
                .as("every key of the Secret becomes a file")
                .isNullOrEmpty();
        List<Secret> secrets = rendered.all(Secret.class);
        if (folder.endsWith("prod")) {
            assertThat(secrets).as("prod expects a Secret created out of band").isEmpty();
            assertThat(secretVolume.getSecretName()).isEqualTo(Project.fromPom().artifactId() + "-secrets");
        } else {
            assertThat(secrets).singleElement().satisfies(secret -> {
                assertThat(secret.getMetadata().getName()).isEqualTo(secretVolume.getSecretName());
                assertThat(secret.getData()).containsOnlyKeys(SECRET_FILES);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void onlyTheApiPortIsOpenToEveryoneAndManagementToTheNamespace(String folder) {
        List<NetworkPolicyIngressRule> rules =
                render(folder).one(NetworkPolicy.class).getSpec().getIngress();

        assertThat(rules).hasSize(2);
        assertThat(rules)
                .filteredOn(rule -> ports(rule).equals(List.of(8080)))
                .singleElement()
                .satisfies(
                        rule -> assertThat(rule.getFrom()).as("from anywhere").isNullOrEmpty());
        assertThat(rules)
                .filteredOn(rule -> ports(rule).equals(List.of(8081)))
                .singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                    assertThat(peer.getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(peer.getNamespaceSelector())
                            .as("this namespace only")
                            .isNull();
                    assertThat(peer.getIpBlock()).isNull();
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void theAutoscalerAndTheDisruptionBudgetTargetThePods(String folder) {
        Rendered rendered = render(folder);
        HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class);
        PodDisruptionBudget pdb = rendered.one(PodDisruptionBudget.class);

        assertThat(hpa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(rendered.one(Deployment.class).getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(folder.endsWith("prod") ? 2 : 1);
        assertThat(rendered.one(Deployment.class).getSpec().getReplicas())
                .as("owned by the autoscaler")
                .isNull();
        assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(rendered.podLabelsSelected());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void theServiceMonitorComponentScrapesTheManagementPort() throws IOException {
        Path overlay = Files.createDirectories(k8s.resolve("overlays/prod-monitored"));
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [../prod]
                components: [../../components/service-monitor]
                """);
        Rendered rendered = render("overlays/prod-monitored");
        ServiceMonitor monitor = rendered.one(ServiceMonitor.class);

        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("management");
            assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
        });
        assertThat(monitor.getSpec().getSelector().getMatchLabels())
                .isEqualTo(rendered.one(Service.class).getMetadata().getLabels().entrySet().stream()
                        .filter(e -> e.getKey().equals("app.kubernetes.io/name"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(rendered.all(NetworkPolicy.class)).hasSize(2);
    }

    @Test
    void aMisspeltFieldFailsTheParse() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: app
                          readinessProbe:
                            httpGet: {path: /ready, prot: 8081}
                """;
        String service = "apiVersion: v1\nkind: Service\nmetadata: {name: typo}\nspec: {selectr: {app: x}}\n";

        assertThatThrownBy(() -> StrictKubernetes.parse(deployment)).hasMessageContaining("prot");
        assertThatThrownBy(() -> StrictKubernetes.parse(service)).hasMessageContaining("selectr");
        assertThatThrownBy(() -> StrictKubernetes.parse("apiVersion: v1\nkind: Pdo\nmetadata: {name: x}\n"))
                .hasMessageContaining("v1/Pdo");
        assertThat(StrictKubernetes.parse(deployment.replace("prot:", "port:"))).hasSize(1);
    }

    private static String probe(Rendered rendered, Probe probe) {
        var get = probe.getHttpGet();
        return rendered.containerPort(get.getPort().getStrVal()) + " " + get.getPath();
    }

    private static List<Integer> ports(NetworkPolicyIngressRule rule) {
        return rule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList();
    }

    private static long seconds(String duration) {
        return Duration.parse("PT" + duration.toUpperCase(java.util.Locale.ROOT))
                .toSeconds();
    }

    /** The objects of one rendering. */
    record Rendered(List<HasMetadata> objects) {

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> type) {
            List<T> found = all(type);
            assertThat(found).as(type.getSimpleName()).hasSize(1);
            return found.getFirst();
        }

        PodSpec pod() {
            return one(Deployment.class).getSpec().getTemplate().getSpec();
        }

        Container container() {
            assertThat(pod().getContainers()).hasSize(1);
            return pod().getContainers().getFirst();
        }

        Map<String, String> podLabelsSelected() {
            Map<String, String> selector =
                    one(Deployment.class).getSpec().getSelector().getMatchLabels();
            assertThat(one(Deployment.class)
                            .getSpec()
                            .getTemplate()
                            .getMetadata()
                            .getLabels())
                    .containsAllEntriesOf(selector);
            return selector;
        }

        /** The settings of the ConfigMap the container reads its environment from. */
        Map<String, String> config() {
            String name = container().getEnvFrom().getFirst().getConfigMapRef().getName();
            return all(ConfigMap.class).stream()
                    .filter(map -> map.getMetadata().getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no ConfigMap " + name))
                    .getData();
        }

        int containerPort(String name) {
            return container().getPorts().stream()
                    .filter(port -> port.getName().equals(name))
                    .findFirst()
                    .orElseThrow()
                    .getContainerPort();
        }

        io.fabric8.kubernetes.api.model.Volume volumeAt(String mountPath) {
            String name = container().getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals(mountPath))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("nothing mounted at " + mountPath))
                    .getName();
            return pod().getVolumes().stream()
                    .filter(volume -> volume.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
