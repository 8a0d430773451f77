package io.costsentry.operator.webhook.injection;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The injected sidecar container, a pure function of the operator's {@link SidecarTemplate} and the
 * pod's {@link WorkloadIdentity}: the same inputs always give the same container (its hash is the
 * pod's config-hash annotation).
 */
public final class SidecarContainers {
  /** The JVM's temporary files: the root file system is read-only. */
  public static final String TMP_VOLUME = "costsentry-tmp";

  /** Named so a PodMonitor can scrape it (port names are at most 15 characters). */
  public static final String METRICS_PORT_NAME = "cs-metrics";

  /** The user of the sidecar image (distroless "nonroot"); set so no image default is trusted. */
  static final long RUN_AS_USER = 65532L;

  private SidecarContainers() {}

  public static Container container(SidecarTemplate t, WorkloadIdentity id) {
    return new ContainerBuilder()
        .withName(InjectionKeys.CONTAINER_NAME)
        .withImage(t.image())
        .withImagePullPolicy(t.imagePullPolicy())
        // Native sidecar (Kubernetes 1.29+): started before, and stopped after, the app containers.
        .withRestartPolicy("Always")
        .withEnv(env(t, id))
        .addNewPort()
        .withName(METRICS_PORT_NAME)
        .withContainerPort(t.adminPort())
        .withProtocol("TCP")
        .endPort()
        // App containers start once this succeeds, so their first Bedrock call finds the proxy.
        .withNewStartupProbe()
        .withNewHttpGet()
        .withPath("/readyz")
        .withNewPort(t.adminPort())
        .endHttpGet()
        .withPeriodSeconds(1)
        .withFailureThreshold(120)
        .endStartupProbe()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath("/healthz")
        .withNewPort(t.adminPort())
        .endHttpGet()
        .withPeriodSeconds(10)
        .withFailureThreshold(3)
        .endLivenessProbe()
        .withNewResources()
        .withRequests(quantities(t.cpuRequest(), t.memoryRequest()))
        .withLimits(quantities(t.cpuLimit(), t.memoryLimit()))
        .endResources()
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUN_AS_USER)
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName(TMP_VOLUME)
        .withMountPath("/tmp")
        .endVolumeMount()
        .build();
  }

  public static Volume tmpVolume() {
    return new VolumeBuilder()
        .withName(TMP_VOLUME)
        .withNewEmptyDir()
        .withSizeLimit(new Quantity("64Mi"))
        .endEmptyDir()
        .build();
  }

  private static List<EnvVar> env(SidecarTemplate t, WorkloadIdentity id) {
    List<EnvVar> env = new ArrayList<>();
    add(env, "COSTSENTRY_COST_CENTER", id.costCenter());
    add(env, "COSTSENTRY_APPLICATION_ID", id.applicationId());
    add(env, "COSTSENTRY_ENVIRONMENT", id.environment());
    // Loopback only: other pods must not spend this pod's budget.
    add(env, "COSTSENTRY_LISTEN", "127.0.0.1:" + t.port());
    add(env, "COSTSENTRY_ADMIN_LISTEN", "0.0.0.0:" + t.adminPort());
    add(env, "COSTSENTRY_LEDGER", "dynamodb");
    add(env, "COSTSENTRY_DYNAMODB_TABLE", t.dynamoDbTable());
    // The operator owns the table; a sidecar never needs CreateTable rights.
    add(env, "COSTSENTRY_DYNAMODB_CREATE_TABLE", "false");
    add(env, "COSTSENTRY_REGION", t.region());
    add(env, "COSTSENTRY_DYNAMODB_ENDPOINT", t.dynamoDbEndpoint());
    add(env, "COSTSENTRY_BEDROCK_ENDPOINT", t.bedrockEndpoint());
    return env;
  }

  private static void add(List<EnvVar> env, String name, Object value) {
    if (value != null) {
      env.add(new EnvVar(name, value.toString(), null));
    }
  }

  private static Map<String, Quantity> quantities(String cpu, String memory) {
    Map<String, Quantity> q = new LinkedHashMap<>();
    if (cpu != null) {
      q.put("cpu", new Quantity(cpu));
    }
    if (memory != null) {
      q.put("memory", new Quantity(memory));
    }
    return q.isEmpty() ? null : q;
  }
}
