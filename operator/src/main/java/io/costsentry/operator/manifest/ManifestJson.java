package io.costsentry.operator.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.crds.v1alpha1.CostSentryApi;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.UncheckedIOException;

/**
 * The record the operator stores for the sidecars: the custom resource reduced to {@code
 * {"apiVersion","kind","metadata":{"name"},"spec"}}, free of Kubernetes bookkeeping (uid,
 * resourceVersion, status), exactly what a standalone manifest file would hold.
 */
public final class ManifestJson {
  private static final ObjectMapper JSON = Serialization.jsonMapper();

  private ManifestJson() {}

  public static String of(CustomResource<?, ?> resource) {
    return of(resource.getKind(), resource.getMetadata().getName(), resource.getSpec());
  }

  public static String of(HasMetadata resource, Object spec) {
    return of(resource.getKind(), resource.getMetadata().getName(), spec);
  }

  public static String of(String kind, String name, Object spec) {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", CostSentryApi.API_VERSION);
    root.put("kind", kind);
    root.putObject("metadata").put("name", name);
    root.set("spec", spec == null ? JSON.createObjectNode() : JSON.valueToTree(spec));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
