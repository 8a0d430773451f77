package io.costsentry.operator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.core.config.InMemoryPolicyStore;
import io.costsentry.core.config.PolicySnapshot;
import io.costsentry.core.config.PolicyStore;
import io.costsentry.operator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipUnchangedWritesTest {
  private static final Duration REWRITE_AFTER = Duration.ofMinutes(10);

  private final List<String> writes = new ArrayList<>();
  private final InMemoryPolicyStore memory = new InMemoryPolicyStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private boolean failWrites;
  private final SkipUnchangedWrites store =
      new SkipUnchangedWrites(new Recording(), clock, REWRITE_AFTER);

  @Test
  void theSameContentIsNotWrittenAgainUntilTheRewriteInterval() {
    store.putBudget("team", "{a}");
    store.putBudget("team", "{a}");
    store.putRoute("team", "haiku", "arn:1");
    store.putRoute("team", "haiku", "arn:1");
    store.putAlias("haiku", "{h}");
    store.putAlias("haiku", "{h}");
    assertThat(writes).containsExactly("budget team", "route team haiku", "alias haiku");

    clock.advance(REWRITE_AFTER);
    store.putBudget("team", "{a}");
    assertThat(writes).hasSize(4);
  }

  @Test
  void changedContentAndRecordsDeletedInBetweenAreWritten() {
    store.putRoute("team", "haiku", "arn:1");
    store.putRoute("team", "haiku", "arn:2");
    store.deleteRoute("team", "haiku");
    store.putRoute("team", "haiku", "arn:2");

    assertThat(writes)
        .containsExactly(
            "route team haiku", "route team haiku", "delete route team haiku", "route team haiku");
    assertThat(memory.read().routes())
        .containsEntry(new PolicySnapshot.Route("team", "haiku"), "arn:2");
  }

  @Test
  void aFailedWriteIsTriedAgainNextTime() {
    store.putBudget("team", "{a}");
    failWrites = true;
    assertThatThrownBy(() -> store.putBudget("team", "{b}"))
        .isInstanceOf(IllegalStateException.class);
    failWrites = false;
    store.putBudget("team", "{b}");
    assertThat(writes).containsExactly("budget team", "budget team", "budget team");
  }

  /** The store below, recording every write that reaches it. */
  private final class Recording implements PolicyStore {
    private void write(String what) {
      writes.add(what);
      if (failWrites) {
        throw new IllegalStateException("DynamoDB unreachable");
      }
    }

    @Override
    public void putAlias(String name, String manifestJson) {
      write("alias " + name);
      memory.putAlias(name, manifestJson);
    }

    @Override
    public void deleteAlias(String name) {
      write("delete alias " + name);
      memory.deleteAlias(name);
    }

    @Override
    public void putBudget(String name, String manifestJson) {
      write("budget " + name);
      memory.putBudget(name, manifestJson);
    }

    @Override
    public void deleteBudget(String name) {
      write("delete budget " + name);
      memory.deleteBudget(name);
    }

    @Override
    public void putRoute(String costCenter, String alias, String arn) {
      write("route " + costCenter + " " + alias);
      memory.putRoute(costCenter, alias, arn);
    }

    @Override
    public void deleteRoute(String costCenter, String alias) {
      write("delete route " + costCenter + " " + alias);
      memory.deleteRoute(costCenter, alias);
    }

    @Override
    public PolicySnapshot read() {
      return memory.read();
    }
  }
}
