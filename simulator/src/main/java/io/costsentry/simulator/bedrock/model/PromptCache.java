package io.costsentry.simulator.bedrock.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prompt prefixes seen per model, so that the first request with a prefix reports a cache write
 * and later ones a cache read. Bounded (least recently used prefixes are forgotten) because a long
 * benchmark must not grow it without end. Thread-safe.
 */
public final class PromptCache {
  private static final int CAPACITY = 4096;

  private final Map<String, Boolean> seen =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > CAPACITY;
        }
      };

  /**
   * Records a use of {@code prefix} with {@code modelId}.
   *
   * @return {@code true} if it was cached already (a read), {@code false} if this use writes it
   */
  public synchronized boolean use(String modelId, String prefix) {
    return seen.put(modelId + '\u0000' + prefix, Boolean.TRUE) != null;
  }

  public synchronized void clear() {
    seen.clear();
  }
}
