package io.costsentry.sandbox;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifests of {@code examples/cost-centers} (bundled in the jar at build time), applied as
 * {@code kubectl apply -f examples/cost-centers/} would: aliases first.
 */
final class Examples {
  static final List<String> FILES =
      List.of("model-aliases.yaml", "sales.yaml", "services.yaml", "support.yaml");

  private Examples() {}

  /** Applies every example; returns the names of the budgets. */
  static List<String> apply(KubernetesClient client) {
    List<String> budgets = new ArrayList<>();
    for (String file : FILES) {
      for (HasMetadata resource : read(file)) {
        client.resource(resource).create();
        if (resource instanceof CostCenterBudget) {
          budgets.add(resource.getMetadata().getName());
        }
      }
    }
    return budgets;
  }

  static List<HasMetadata> read(String file) {
    String resource = "/examples/cost-centers/" + file;
    try (InputStream in = Examples.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not bundled in the sandbox jar");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<HasMetadata> resources = new ArrayList<>();
      for (String doc : yaml.split("(?m)^---\\s*$")) {
        if (doc.contains("kind: ModelAlias")) {
          resources.add(Serialization.unmarshal(doc, ModelAlias.class));
        } else if (doc.contains("kind: CostCenterBudget")) {
          resources.add(Serialization.unmarshal(doc, CostCenterBudget.class));
        }
      }
      return resources;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
