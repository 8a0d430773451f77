package io.costsentry.operator.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The operator's RBAC as {@code docs/operator-rbac.yaml} documents it, with an evaluator that says
 * whether a request is allowed: the ClusterRole anywhere, the Role in the operator's namespace.
 */
public final class DocumentedRbac {
  /** Where the module's tests run from: {@code operator/}. */
  public static final Path FILE = Path.of("..", "docs", "operator-rbac.yaml");

  private final ClusterRole clusterRole;
  private final List<Role> roles;

  private DocumentedRbac(ClusterRole clusterRole, List<Role> roles) {
    this.clusterRole = clusterRole;
    this.roles = roles;
  }

  public static DocumentedRbac load() {
    List<HasMetadata> items;
    try (InputStream in = Files.newInputStream(FILE)) {
      Object parsed = Serialization.unmarshal(in);
      items =
          parsed instanceof KubernetesList list
              ? list.getItems()
              : parsed instanceof List<?> many
                  ? many.stream().map(HasMetadata.class::cast).toList()
                  : List.of((HasMetadata) parsed);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + FILE.toAbsolutePath(), e);
    }
    List<Role> roles = items.stream().filter(Role.class::isInstance).map(Role.class::cast).toList();
    return new DocumentedRbac(one(items, ClusterRole.class), roles);
  }

  public ClusterRole clusterRole() {
    return clusterRole;
  }

  /** The Roles in the operator's namespace, one per concern (Lease, webhook certificate). */
  public List<Role> roles() {
    return roles;
  }

  public Role role(String name) {
    return roles.stream()
        .filter(r -> r.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(FILE + " has no Role " + name));
  }

  private List<PolicyRule> roleRules() {
    return roles.stream().flatMap(r -> r.getRules().stream()).toList();
  }

  /**
   * @param operatorNamespace the namespace the Role is bound in (where the Lease lives)
   */
  public boolean allows(ApiRequest request, String operatorNamespace) {
    if (grantedToEveryone(request)) {
      return true;
    }
    if (clusterRole.getRules().stream().anyMatch(r -> matches(r, request))) {
      return true;
    }
    return operatorNamespace.equals(request.namespace())
        && roleRules().stream().anyMatch(r -> matches(r, request));
  }

  /** The Roles' rules as a SelfSubjectRulesReview reports them in the operator's namespace. */
  public List<ResourceRule> roleAsResourceRules() {
    return roleRules().stream()
        .map(
            r ->
                new ResourceRule(
                    r.getApiGroups(),
                    r.getResourceNames() == null ? List.of() : r.getResourceNames(),
                    r.getResources(),
                    r.getVerbs()))
        .toList();
  }

  /**
   * What the default ClusterRole {@code system:basic-user} grants every authenticated user: JOSDK
   * asks with a SelfSubjectRulesReview whether it may use the Lease.
   */
  private static boolean grantedToEveryone(ApiRequest request) {
    return request.apiGroup().equals("authorization.k8s.io")
        && request.verb().equals("create")
        && List.of("selfsubjectrulesreviews", "selfsubjectaccessreviews")
            .contains(request.resource());
  }

  private static boolean matches(PolicyRule rule, ApiRequest request) {
    return anyOf(rule.getApiGroups(), request.apiGroup())
        && anyOf(rule.getResources(), request.resource())
        && anyOf(rule.getVerbs(), request.verb())
        && (rule.getResourceNames() == null
            || rule.getResourceNames().isEmpty()
            || rule.getResourceNames().contains(request.name()));
  }

  private static boolean anyOf(List<String> allowed, String value) {
    return allowed != null && (allowed.contains("*") || allowed.contains(value));
  }

  private static <T> T one(List<HasMetadata> items, Class<T> type) {
    List<T> found = items.stream().filter(type::isInstance).map(type::cast).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          FILE + " must hold exactly one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }
}
