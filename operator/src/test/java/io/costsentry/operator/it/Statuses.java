package io.costsentry.operator.it;

import static org.awaitility.Awaitility.await;

import io.costsentry.crds.v1alpha1.Condition;
import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.crds.v1alpha1.ModelAlias;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads resources with fresh GETs (the mock server's watch may lag, and a status patch is only
 * trustworthy once read back) and awaits their conditions.
 */
final class Statuses {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KubernetesClient client;

  Statuses(KubernetesClient client) {
    this.client = client;
  }

  CostCenterBudget budget(String name) {
    return client.resources(CostCenterBudget.class).withName(name).get();
  }

  Optional<CostCenterBudget> budgetIfPresent(String name) {
    return Optional.ofNullable(budget(name));
  }

  ModelAlias alias(String name) {
    return client.resources(ModelAlias.class).withName(name).get();
  }

  ModelAlias awaitAliasReady(String name, String status) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () -> alias(name),
            a ->
                a != null
                    && a.getStatus() != null
                    && condition(a.getStatus().getConditions(), "Ready") != null
                    && status.equals(
                        condition(a.getStatus().getConditions(), "Ready").getStatus()));
  }

  CostCenterBudget awaitBudget(String name, Predicate<CostCenterBudget> done) {
    return await()
        .atMost(TIMEOUT)
        .until(() -> budget(name), b -> b != null && b.getStatus() != null && done.test(b));
  }

  static boolean isTrue(CostCenterBudget b, String type) {
    Condition c = condition(b.getStatus().getConditions(), type);
    return c != null && "True".equals(c.getStatus());
  }

  /** Whether condition {@code type} is False with {@code reason}. */
  static boolean isFalse(CostCenterBudget b, String type, String reason) {
    Condition c = condition(b.getStatus().getConditions(), type);
    return c != null && "False".equals(c.getStatus()) && reason.equals(c.getReason());
  }

  static Condition condition(List<Condition> conditions, String type) {
    return conditions == null
        ? null
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
