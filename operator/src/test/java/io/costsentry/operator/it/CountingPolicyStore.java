package io.costsentry.operator.it;

import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.core.config.PolicyStore;
import java.util.concurrent.atomic.AtomicInteger;

/** The policy store of one operator, counting the record writes (puts and deletes) it makes. */
final class CountingPolicyStore implements PolicyStore {
  private final PolicyStore delegate;
  private final AtomicInteger writes = new AtomicInteger();

  CountingPolicyStore(PolicyStore delegate) {
    this.delegate = delegate;
  }

  int writes() {
    return writes.get();
  }

  @Override
  public void putAlias(String name, String manifestJson) {
    writes.incrementAndGet();
    delegate.putAlias(name, manifestJson);
  }

  @Override
  public void deleteAlias(String name) {
    writes.incrementAndGet();
    delegate.deleteAlias(name);
  }

  @Override
  public void putBudget(String name, String manifestJson) {
    writes.incrementAndGet();
    delegate.putBudget(name, manifestJson);
  }

  @Override
  public void deleteBudget(String name) {
    writes.incrementAndGet();
    delegate.deleteBudget(name);
  }

  @Override
  public void putRoute(String costCenter, String alias, String inferenceProfileArn) {
    writes.incrementAndGet();
    delegate.putRoute(costCenter, alias, inferenceProfileArn);
  }

  @Override
  public void deleteRoute(String costCenter, String alias) {
    writes.incrementAndGet();
    delegate.deleteRoute(costCenter, alias);
  }

  @Override
  public PolicySnapshot read() {
    return delegate.read();
  }
}
