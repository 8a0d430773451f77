package io.costsentry.crds.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The CRDs the build generated into {@code META-INF/fabric8}, as test fixtures. */
final class GeneratedCrds {
  static final String MODEL_ALIASES = "modelaliases.costsentry.io-v1.yml";
  static final String COST_CENTER_BUDGETS = "costcenterbudgets.costsentry.io-v1.yml";
  static final List<String> FILE_NAMES = List.of(COST_CENTER_BUDGETS, MODEL_ALIASES);

  private GeneratedCrds() {}

  static byte[] bytes(String fileName) {
    try (InputStream in = open(fileName)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CustomResourceDefinition crd(String fileName) {
    try (InputStream in = open(fileName)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The openAPIV3Schema of the only version. */
  static JSONSchemaProps schema(String fileName) {
    return crd(fileName).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
  }

  /** The schema at a dotted path of property names; {@code []} steps into array items. */
  static JSONSchemaProps at(JSONSchemaProps root, String path) {
    JSONSchemaProps node = root;
    for (String step : path.split("\\.")) {
      if (step.endsWith("[]")) {
        node =
            node.getProperties().get(step.substring(0, step.length() - 2)).getItems().getSchema();
      } else {
        node = node.getProperties().get(step);
      }
      if (node == null) {
        throw new AssertionError("no schema at " + path + " (stopped at " + step + ")");
      }
    }
    return node;
  }

  private static InputStream open(String fileName) {
    InputStream in = GeneratedCrds.class.getResourceAsStream("/META-INF/fabric8/" + fileName);
    if (in == null) {
      throw new IllegalStateException(
          fileName + " was not generated: run the build through process-classes");
    }
    return in;
  }
}
