package io.costsentry.operator.chart;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The objects of one {@code helm template}, typed where Fabric8 knows the kind. */
public final class Rendered {
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private final List<HasMetadata> objects;
  private final String namespace;

  private Rendered(List<HasMetadata> objects, String namespace) {
    this.objects = objects;
    this.namespace = namespace;
  }

  static Rendered parse(String manifest, String namespace) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(manifest)) {
      boolean onlyComments =
          document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
      if (!onlyComments) {
        objects.add(Serialization.unmarshal(document, HasMetadata.class));
      }
    }
    return new Rendered(List.copyOf(objects), namespace);
  }

  String namespace() {
    return namespace;
  }

  public List<HasMetadata> objects() {
    return objects;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + type.getSimpleName() + ", rendered " + names(found) + " instead");
    }
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> type, String name) {
    List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + type.getSimpleName() + " " + name + ", rendered " + names(all(type)));
    }
    return found.get(0);
  }

  /** Objects of kinds Fabric8 has no model for (cert-manager, Prometheus Operator). */
  List<GenericKubernetesResource> custom(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> o.getKind().equals(kind))
        .toList();
  }

  GenericKubernetesResource custom(String kind, String name) {
    List<GenericKubernetesResource> found =
        custom(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + kind + " " + name + ", rendered " + names(custom(kind)));
    }
    return found.get(0);
  }

  Deployment deployment() {
    return one(Deployment.class);
  }

  Container operatorContainer() {
    List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError("expected the operator container alone, got " + containers);
    }
    return containers.get(0);
  }

  /** The operator's environment, in order. */
  Map<String, EnvVar> env() {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (EnvVar var : operatorContainer().getEnv()) {
      if (env.put(var.getName(), var) != null) {
        throw new AssertionError("environment variable set twice: " + var.getName());
      }
    }
    return env;
  }

  /** The literal value of an operator environment variable. */
  public String env(String name) {
    EnvVar var = env().get(name);
    if (var == null) {
      throw new AssertionError("operator has no environment variable " + name);
    }
    return var.getValue();
  }

  private static List<String> names(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
  }
}
