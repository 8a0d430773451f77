package io.costsentry.bench.operator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/** Named counters, and immutable snapshots of them that can be subtracted. */
final class Counts {
  private final Map<String, LongAdder> live = new ConcurrentHashMap<>();

  void add(String key, long n) {
    live.computeIfAbsent(key, k -> new LongAdder()).add(n);
  }

  void increment(String key) {
    add(key, 1);
  }

  Snapshot snapshot() {
    Map<String, Long> values = new TreeMap<>();
    live.forEach((k, v) -> values.put(k, v.sum()));
    return new Snapshot(values);
  }

  /** Counter values at one instant. */
  record Snapshot(Map<String, Long> values) {
    static final Snapshot EMPTY = new Snapshot(Map.of());

    static Snapshot of(Map<String, ? extends Number> values) {
      Map<String, Long> copy = new TreeMap<>();
      values.forEach((k, v) -> copy.put(k, v.longValue()));
      return new Snapshot(copy);
    }

    long get(String key) {
      return values.getOrDefault(key, 0L);
    }

    long sum(Predicate<String> keys) {
      return values.entrySet().stream()
          .filter(e -> keys.test(e.getKey()))
          .mapToLong(Map.Entry::getValue)
          .sum();
    }

    long total() {
      return sum(k -> true);
    }

    /** This minus {@code earlier}, key by key; keys that did not move are left out. */
    Snapshot minus(Snapshot earlier) {
      Map<String, Long> diff = new TreeMap<>();
      values.forEach(
          (k, v) -> {
            long d = v - earlier.get(k);
            if (d != 0) {
              diff.put(k, d);
            }
          });
      return new Snapshot(diff);
    }
  }
}
