package io.costsentry.operator.webhook.cluster;

import io.costsentry.crds.v1alpha1.CostCenterBudget;
import io.costsentry.operator.budget.CostCenterOwnership;
import io.costsentry.operator.webhook.injection.BudgetDirectory;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What admission decisions read: namespaces and CostCenterBudgets, from informers of its own (the
 * webhook answers on every replica; the reconcilers' informers run on the leader only). A namespace
 * or budget created a moment before the pod may not have reached the informer yet, so a miss is
 * read from the API server before anything is refused.
 */
public final class ClusterView implements BudgetDirectory, AutoCloseable {
  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> namespaces;
  private final SharedIndexInformer<CostCenterBudget> budgets;

  private ClusterView(
      KubernetesClient client,
      SharedIndexInformer<Namespace> namespaces,
      SharedIndexInformer<CostCenterBudget> budgets) {
    this.client = client;
    this.namespaces = namespaces;
    this.budgets = budgets;
  }

  /** Starts both informers; {@link #synced()} says when their first lists arrived. */
  public static ClusterView start(KubernetesClient client) {
    SharedIndexInformer<Namespace> namespaces = client.namespaces().runnableInformer(0);
    SharedIndexInformer<CostCenterBudget> budgets =
        client.resources(CostCenterBudget.class).runnableInformer(0);
    namespaces.start();
    budgets.start();
    return new ClusterView(client, namespaces, budgets);
  }

  public boolean synced() {
    return namespaces.hasSynced() && budgets.hasSynced();
  }

  /** The namespace, or {@code null} if there is none. */
  public Namespace namespace(String name) {
    Namespace ns = namespaces.getStore().getByKey(name);
    return ns != null ? ns : client.namespaces().withName(name).get();
  }

  @Override
  public Optional<CostCenterBudget> governing(String costCenter) {
    Optional<CostCenterBudget> cached = governing(costCenter, budgets.getStore().list());
    return cached.isPresent()
        ? cached
        : governing(costCenter, client.resources(CostCenterBudget.class).list().getItems());
  }

  @Override
  public SortedSet<String> costCenters() {
    return budgets.getStore().list().stream()
        .map(CostCenterOwnership::costCenter)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Every budget the informer holds. */
  public Collection<CostCenterBudget> budgets() {
    return budgets.getStore().list();
  }

  private static Optional<CostCenterBudget> governing(
      String costCenter, List<CostCenterBudget> all) {
    return all.stream()
        .filter(b -> costCenter.equals(CostCenterOwnership.costCenter(b)))
        .min(CostCenterOwnership.OLDER_FIRST);
  }

  @Override
  public void close() {
    namespaces.close();
    budgets.close();
  }
}
