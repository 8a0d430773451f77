package io.costsentry.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The policy store contract on the in-memory implementation. */
class InMemoryPolicyStoreTest extends PolicyStoreContract {
  private final InMemoryPolicyStore store = new InMemoryPolicyStore();

  @Override
  protected PolicyStore store() {
    return store;
  }

  @Test
  void concurrentWritersAndReadersSeeConsistentSnapshots() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 500; i++) {
                    String name = "t" + thread + "-" + i;
                    store.putAlias(name, "{}");
                    store.putRoute("cc-" + thread, name, PROFILE_ARN);
                    if (i % 2 == 1) {
                      store.deleteAlias(name);
                    }
                  }
                  return null;
                }));
      }
      Future<?> reader =
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                  // aliases of even index are written before their route and never deleted
                  PolicySnapshot snapshot = store.read();
                  snapshot.routes().keySet().stream()
                      .map(PolicySnapshot.Route::alias)
                      .filter(alias -> Integer.parseInt(alias.substring(3)) % 2 == 0)
                      .forEach(alias -> assertThat(snapshot.aliases()).containsKey(alias));
                }
                return null;
              });
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(30, TimeUnit.SECONDS);
      }
      reader.get(30, TimeUnit.SECONDS);

      PolicySnapshot end = store.read();
      assertThat(end.aliases()).hasSize(3 * 250);
      assertThat(end.routes()).hasSize(3 * 500);
    } finally {
      pool.shutdownNow();
    }
  }
}
