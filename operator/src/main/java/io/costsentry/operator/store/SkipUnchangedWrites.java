package io.costsentry.operator.store;

import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.core.config.PolicyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PolicyStore} that does not write a record again with the content this operator wrote
 * last, unless {@code rewriteAfter} has passed since: reconciles that find nothing changed (alias
 * events, spec edits that leave a record as it was, status refreshes) cost no DynamoDB write, and a
 * record changed or deleted outside the operator is still put back within {@code rewriteAfter}.
 * Deletes always go through and forget the record. Held in memory: a restarted operator, or a new
 * leader, writes every record once.
 */
public final class SkipUnchangedWrites implements PolicyStore {
  private record Written(String content, Instant at) {}

  private final PolicyStore delegate;
  private final Clock clock;
  private final Duration rewriteAfter;
  private final Map<String, Written> written = new ConcurrentHashMap<>();

  public SkipUnchangedWrites(PolicyStore delegate, Clock clock, Duration rewriteAfter) {
    this.delegate = delegate;
    this.clock = clock;
    this.rewriteAfter = rewriteAfter;
  }

  @Override
  public void putAlias(String name, String manifestJson) {
    put("alias#" + name, manifestJson, () -> delegate.putAlias(name, manifestJson));
  }

  @Override
  public void deleteAlias(String name) {
    written.remove("alias#" + name);
    delegate.deleteAlias(name);
  }

  @Override
  public void putBudget(String name, String manifestJson) {
    put("budget#" + name, manifestJson, () -> delegate.putBudget(name, manifestJson));
  }

  @Override
  public void deleteBudget(String name) {
    written.remove("budget#" + name);
    delegate.deleteBudget(name);
  }

  @Override
  public void putRoute(String costCenter, String alias, String inferenceProfileArn) {
    put(
        routeKey(costCenter, alias),
        inferenceProfileArn,
        () -> delegate.putRoute(costCenter, alias, inferenceProfileArn));
  }

  @Override
  public void deleteRoute(String costCenter, String alias) {
    written.remove(routeKey(costCenter, alias));
    delegate.deleteRoute(costCenter, alias);
  }

  @Override
  public PolicySnapshot read() {
    return delegate.read();
  }

  private void put(String key, String content, Runnable write) {
    Instant now = clock.instant();
    Written last = written.get(key);
    if (last != null
        && last.content().equals(content)
        && now.isBefore(last.at().plus(rewriteAfter))) {
      return;
    }
    // Forgotten first: if the write fails, whether it landed is unknown, so the next put writes.
    written.remove(key);
    write.run();
    written.put(key, new Written(content, now));
  }

  /** Unambiguous: cost center names cannot contain a newline. */
  private static String routeKey(String costCenter, String alias) {
    return "route#" + costCenter + "\n" + alias;
  }
}
