package io.costsentry.sidecar.config;

import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.core.ledger.LedgerUnavailableException;
import io.costsentry.core.policy.PolicySet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Policies written by the operator into the ledger table, refreshed on a schedule. Each snapshot is
 * validated with the same loader as a standalone file; when a snapshot is unreadable or invalid the
 * sidecar keeps enforcing the last good one, so a bad write can never open or close the gates.
 */
public final class StorePolicySource implements Supplier<SidecarPolicy> {
  private static final Logger log = LoggerFactory.getLogger(StorePolicySource.class);

  private final PolicyStore store;
  private final String costCenter;
  private final ManifestPolicyLoader loader;
  private final AtomicReference<SidecarPolicy> current = new AtomicReference<>();
  private final AtomicLong rejectedSnapshots = new AtomicLong();
  private volatile PolicySnapshot lastSeen;

  public StorePolicySource(PolicyStore store, String costCenter, ManifestPolicyLoader loader) {
    this.store = store;
    this.costCenter = costCenter;
    this.loader = loader;
  }

  /**
   * Reads the store and adopts its snapshot if it is valid.
   *
   * @return {@code true} when a good policy is in force after the call
   */
  public boolean refresh() {
    PolicySnapshot snapshot;
    try {
      snapshot = store.read();
    } catch (LedgerUnavailableException e) {
      log.warn(
          "cannot read policies from the ledger now, keeping the current ones: {}", e.getMessage());
      return current.get() != null;
    }
    if (snapshot.equals(lastSeen)) {
      return current.get() != null;
    }
    lastSeen = snapshot;
    try {
      PolicySet policies = loader.parse(asYaml(snapshot), "ledger policy records");
      Map<String, String> routes = new TreeMap<>();
      snapshot
          .routes()
          .forEach(
              (route, arn) -> {
                if (route.costCenter().equals(costCenter)) {
                  routes.put(route.alias(), arn);
                }
              });
      current.set(new SidecarPolicy(policies, routes));
      log.info(
          "policies updated from the ledger: {} aliases, {} budgets, {} routes for cost center '{}'",
          policies.aliases().size(),
          policies.budgets().size(),
          routes.size(),
          costCenter);
    } catch (InvalidManifestException e) {
      rejectedSnapshots.incrementAndGet();
      log.error("ignoring invalid policy records, keeping the last good ones: {}", e.getMessage());
    }
    return current.get() != null;
  }

  private static String asYaml(PolicySnapshot snapshot) {
    // JSON documents are YAML documents: one stream, validated like a standalone file.
    List<String> documents = new ArrayList<>(new TreeMap<>(snapshot.aliases()).values());
    documents.addAll(new TreeMap<>(snapshot.budgets()).values());
    return String.join("\n---\n", documents);
  }

  /** The policy in force; empty (every request refused) until the first good snapshot. */
  @Override
  public SidecarPolicy get() {
    SidecarPolicy policy = current.get();
    return policy == null ? SidecarPolicy.EMPTY : policy;
  }

  public boolean loaded() {
    return current.get() != null;
  }

  /** Snapshots refused since start because they did not validate. */
  public long rejectedSnapshots() {
    return rejectedSnapshots.get();
  }
}
