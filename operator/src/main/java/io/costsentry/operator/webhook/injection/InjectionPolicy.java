package io.costsentry.operator.webhook.injection;

import io.costsentry.crds.v1alpha1.ApiPatterns;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.webhook.cluster.LabelSelectors;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * Decides whether a pod being created gets the sidecar, and whom it charges. A pure function of the
 * pod, its namespace and the budgets, so every case is a unit test.
 *
 * <p>A pod opts in with the annotation {@code costsentry.io/inject: "true"}, or by living in a
 * namespace labelled {@code costsentry.io/inject=enabled} (the annotation {@code "false"} opts
 * out). Its cost center, application id and environment come from its annotations, else from its
 * namespace's annotations, so a namespace can set them for every pod.
 */
public final class InjectionPolicy {
  private static final Pattern TAG_VALUE = Pattern.compile(ApiPatterns.AWS_TAG_VALUE);
  private static final int MAX_TAG_VALUE = 256;

  private InjectionPolicy() {}

  /**
   * @param namespaceName the request's namespace (the pod's own metadata may not carry it yet)
   * @param namespace {@code null} when the namespace cannot be found
   */
  public static InjectionDecision decide(
      Pod pod, String namespaceName, Namespace namespace, BudgetDirectory budgets) {
    Map<String, String> podAnnotations = annotations(pod.getMetadata().getAnnotations());
    Map<String, String> nsLabels =
        namespace == null ? Map.of() : orEmpty(namespace.getMetadata().getLabels());
    Map<String, String> nsAnnotations =
        namespace == null ? Map.of() : annotations(namespace.getMetadata().getAnnotations());
    String podChoice = podAnnotations.get(InjectionKeys.INJECT);
    String nsChoice = nsLabels.get(InjectionKeys.INJECT);

    if (InjectionKeys.NAMESPACE_DISABLED.equals(nsChoice)) {
      return new InjectionDecision.Skip("namespace " + namespaceName + " disables injection");
    }
    if (podChoice != null
        && !"true".equalsIgnoreCase(podChoice)
        && !"false".equalsIgnoreCase(podChoice)) {
      // A typo must not silently leave the pod without its budget.
      return new InjectionDecision.Refuse(
          describe(pod, namespaceName)
              + ": annotation "
              + InjectionKeys.INJECT
              + " must be \"true\" or \"false\", got \""
              + podChoice
              + "\"");
    }
    if ("false".equalsIgnoreCase(podChoice)) {
      return new InjectionDecision.Skip("the pod opts out");
    }
    boolean asked =
        "true".equalsIgnoreCase(podChoice) || InjectionKeys.NAMESPACE_ENABLED.equals(nsChoice);
    if (!asked) {
      return new InjectionDecision.Skip("not asked for");
    }
    if (alreadyInjected(pod)) {
      return new InjectionDecision.Skip("already injected");
    }
    String who = describe(pod, namespaceName);
    if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
      return new InjectionDecision.Refuse(
          who
              + " uses hostNetwork: the CostSentry sidecar listens on 127.0.0.1, which would be"
              + " the node's and shared by every such pod; set "
              + InjectionKeys.INJECT
              + ": \"false\" or drop hostNetwork");
    }

    for (String key : new String[] {InjectionKeys.COST_CENTER, InjectionKeys.APPLICATION_ID}) {
      if (value(key, podAnnotations, nsAnnotations) == null) {
        return new InjectionDecision.Refuse(
            who
                + " asks for the CostSentry sidecar but has no "
                + key
                + " annotation (on the pod template, or on its namespace)");
      }
    }
    String costCenter = value(InjectionKeys.COST_CENTER, podAnnotations, nsAnnotations);
    String applicationId = value(InjectionKeys.APPLICATION_ID, podAnnotations, nsAnnotations);
    String environment = value(InjectionKeys.ENVIRONMENT, podAnnotations, nsAnnotations);
    for (String[] tag :
        new String[][] {
          {InjectionKeys.COST_CENTER, costCenter},
          {InjectionKeys.APPLICATION_ID, applicationId},
          {InjectionKeys.ENVIRONMENT, environment}
        }) {
      String problem = tagValueProblem(tag[1]);
      if (problem != null) {
        return new InjectionDecision.Refuse(
            who + ": annotation " + tag[0] + " \"" + tag[1] + "\" " + problem);
      }
    }

    Optional<CostCenterBudget> budget = budgets.governing(costCenter);
    if (budget.isEmpty()) {
      SortedSet<String> known = budgets.costCenters();
      return new InjectionDecision.Refuse(
          who
              + " names cost center \""
              + costCenter
              + "\" (annotation "
              + InjectionKeys.COST_CENTER
              + "), but no CostCenterBudget governs it; known cost centers: "
              + (known.isEmpty() ? "none" : String.join(", ", known)));
    }
    CostCenterBudget b = budget.get();
    if (!LabelSelectors.matches(b.getSpec().getNamespaceSelector(), nsLabels)) {
      return new InjectionDecision.Refuse(
          who
              + " may not charge cost center \""
              + costCenter
              + "\": CostCenterBudget "
              + b.getMetadata().getName()
              + " spec.namespaceSelector ("
              + LabelSelectors.describe(b.getSpec().getNamespaceSelector())
              + ") does not select namespace "
              + namespaceName);
    }
    return new InjectionDecision.Inject(
        new WorkloadIdentity(costCenter, applicationId, environment));
  }

  /** The sidecar container is there: re-admission of an injected pod must not inject twice. */
  static boolean alreadyInjected(Pod pod) {
    return containers(pod.getSpec().getInitContainers()).stream()
            .anyMatch(c -> InjectionKeys.CONTAINER_NAME.equals(c.getName()))
        || containers(pod.getSpec().getContainers()).stream()
            .anyMatch(c -> InjectionKeys.CONTAINER_NAME.equals(c.getName()));
  }

  private static String value(String key, Map<String, String> pod, Map<String, String> ns) {
    String v = pod.get(key);
    if (v == null || v.isBlank()) {
      v = ns.get(key);
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String tagValueProblem(String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_TAG_VALUE) {
      return "is longer than " + MAX_TAG_VALUE + " characters, the most an AWS tag value holds";
    }
    return TAG_VALUE.matcher(value).matches()
        ? null
        : "is not a valid AWS tag value (letters, digits, spaces and _ . : / = + - @)";
  }

  private static String describe(Pod pod, String namespace) {
    String name = pod.getMetadata().getName();
    if (name == null || name.isBlank()) {
      String prefix = pod.getMetadata().getGenerateName();
      name = prefix == null ? "<unnamed>" : prefix + "*";
    }
    return "pod " + namespace + "/" + name;
  }

  private static List<Container> containers(List<Container> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> annotations(Map<String, String> m) {
    return orEmpty(m);
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
