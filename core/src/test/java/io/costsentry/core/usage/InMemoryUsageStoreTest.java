package io.costsentry.core.usage;

class InMemoryUsageStoreTest extends UsageStoreContract {
  private final InMemoryUsageStore store = new InMemoryUsageStore();

  @Override
  protected UsageStore store() {
    return store;
  }
}
