package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * Schema of a Kubernetes label selector, used through {@code @SchemaFrom} so the Java field keeps
 * Fabric8's {@link io.fabric8.kubernetes.api.model.LabelSelector} while the CRD gets descriptions
 * and required fields that Fabric8's model class does not carry. Never instantiated.
 */
public final class LabelSelectorSchema {
  @JsonPropertyDescription("Labels a namespace must all have, as key: value.")
  private Map<String, String> matchLabels;

  @JsonPropertyDescription("Requirements on labels a namespace must all meet.")
  private List<Requirement> matchExpressions;

  private LabelSelectorSchema() {}

  public Map<String, String> getMatchLabels() {
    return matchLabels;
  }

  public List<Requirement> getMatchExpressions() {
    return matchExpressions;
  }

  /** One requirement of a label selector. */
  public static final class Requirement {
    @JsonPropertyDescription("The label key the requirement applies to.")
    @Required
    @Size(min = 1, max = 317)
    private String key;

    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    @Required
    private Operator operator;

    @JsonPropertyDescription(
        "Label values: non-empty for In and NotIn, empty for Exists and DoesNotExist.")
    private List<String> values;

    private Requirement() {}

    public String getKey() {
      return key;
    }

    public Operator getOperator() {
      return operator;
    }

    public List<String> getValues() {
      return values;
    }
  }

  /** Label selector operators, spelled as Kubernetes spells them. */
  public enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist
  }
}
