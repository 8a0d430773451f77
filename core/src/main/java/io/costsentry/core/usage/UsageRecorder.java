package io.costsentry.core.usage;

import io.costsentry.core.pricing.TokenUsage;
import java.time.Instant;

/** Takes each settled request's usage into the daily rollup. Must not block the caller. */
public interface UsageRecorder {
  /** For processes that keep no rollup. */
  UsageRecorder NONE = (at, dimensions, usage, costMicros) -> {};

  /**
   * @param at when the request started: it counts on that UTC day, as budget windows count it
   */
  void record(Instant at, UsageDimensions dimensions, TokenUsage usage, long costMicros);
}
