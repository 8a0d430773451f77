package io.costsentry.operator.webhook.cluster;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Kubernetes label selector semantics (matchLabels AND every matchExpression). */
public final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * @param selector {@code null} selects nothing (a budget without a namespaceSelector is for
   *     standalone sidecars only); an empty selector selects everything
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    Map<String, String> wanted = selector.getMatchLabels();
    if (wanted != null
        && !wanted.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))) {
      return false;
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    return expressions == null || expressions.stream().allMatch(r -> matches(r, have));
  }

  private static boolean matches(LabelSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.getKey());
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    return switch (r.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(r.getKey());
      case "DoesNotExist" -> !labels.containsKey(r.getKey());
      default -> false; // the API server refuses other operators; select nothing if one slips in
    };
  }

  /** As {@code kubectl} prints a selector: {@code a=b,c in (d,e),!f}. */
  public static String describe(LabelSelector selector) {
    if (selector == null) {
      return "<none>";
    }
    String labels =
        selector.getMatchLabels() == null
            ? ""
            : selector.getMatchLabels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    String expressions =
        selector.getMatchExpressions() == null
            ? ""
            : selector.getMatchExpressions().stream()
                .map(LabelSelectors::describe)
                .collect(Collectors.joining(","));
    String all =
        labels.isEmpty()
            ? expressions
            : expressions.isEmpty() ? labels : labels + "," + expressions;
    return all.isEmpty() ? "<everything>" : all;
  }

  private static String describe(LabelSelectorRequirement r) {
    String values = r.getValues() == null ? "" : String.join(",", r.getValues());
    return switch (r.getOperator()) {
      case "In" -> r.getKey() + " in (" + values + ")";
      case "NotIn" -> r.getKey() + " notin (" + values + ")";
      case "Exists" -> r.getKey();
      case "DoesNotExist" -> "!" + r.getKey();
      default -> r.getKey() + " " + r.getOperator() + " (" + values + ")";
    };
  }
}
