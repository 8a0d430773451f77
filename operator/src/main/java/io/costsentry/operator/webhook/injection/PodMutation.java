package io.costsentry.operator.webhook.injection;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Puts the sidecar into a pod: first among its init containers (so the app's own init containers
 * can call Bedrock through it too), the endpoint variable in every other container, a label for
 * scraping and the config-hash annotation.
 */
public final class PodMutation {
  private PodMutation() {}

  /** Changes {@code pod} in place (the caller passes a copy) and returns it. */
  public static Pod inject(Pod pod, SidecarTemplate template, WorkloadIdentity identity) {
    Container sidecar = SidecarContainers.container(template, identity);
    PodSpec spec = pod.getSpec();
    EnvVar endpoint = new EnvVar(InjectionKeys.ENDPOINT_VARIABLE, template.endpointUrl(), null);
    List<Container> inits = new ArrayList<>();
    inits.add(sidecar);
    if (spec.getInitContainers() != null) {
      spec.getInitContainers().forEach(c -> inits.add(withEnv(c, endpoint)));
    }
    spec.setInitContainers(inits);
    spec.getContainers().forEach(c -> withEnv(c, endpoint));

    List<Volume> volumes =
        spec.getVolumes() == null ? new ArrayList<>() : new ArrayList<>(spec.getVolumes());
    volumes.removeIf(v -> SidecarContainers.TMP_VOLUME.equals(v.getName()));
    volumes.add(SidecarContainers.tmpVolume());
    spec.setVolumes(volumes);

    ObjectMeta meta = pod.getMetadata();
    var labels = meta.getLabels() == null ? new LinkedHashMap<String, String>() : meta.getLabels();
    labels.put(InjectionKeys.SIDECAR_LABEL, InjectionKeys.SIDECAR_LABEL_VALUE);
    meta.setLabels(labels);
    var annotations =
        meta.getAnnotations() == null ? new LinkedHashMap<String, String>() : meta.getAnnotations();
    annotations.put(InjectionKeys.CONFIG_HASH, configHash(sidecar));
    meta.setAnnotations(annotations);
    return pod;
  }

  /**
   * The app's SDK must reach the sidecar: a value the app set itself is replaced, or it could call
   * Bedrock around its budget.
   */
  private static Container withEnv(Container c, EnvVar endpoint) {
    List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
    env.removeIf(e -> endpoint.getName().equals(e.getName()));
    env.add(endpoint);
    c.setEnv(env);
    return c;
  }

  /** 16 hex digits of the SHA-256 of the container as injected. */
  static String configHash(Container sidecar) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(Serialization.asJson(sidecar).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
