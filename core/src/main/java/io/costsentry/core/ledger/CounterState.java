package io.costsentry.core.ledger;

import java.util.Map;

/**
 * What a counter holds now.
 *
 * @param committed settled usage plus outstanding holds: what limits are checked against
 * @param used settled usage only
 * @param requests number of settled requests
 * @param holds outstanding holds by id
 */
public record CounterState(long committed, long used, long requests, Map<String, Hold> holds) {
  public static final CounterState EMPTY = new CounterState(0, 0, 0, Map.of());

  public CounterState {
    holds = Map.copyOf(holds);
  }
}
