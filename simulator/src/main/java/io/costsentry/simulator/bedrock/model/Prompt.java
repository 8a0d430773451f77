package io.costsentry.simulator.bedrock.model;

import java.util.OptionalInt;

/**
 * The parts of a request that decide its usage: its text (split at the last cache point) and its
 * output cap.
 *
 * @param cacheablePrefix text up to the last cache point; empty when the request has none
 * @param remainder text after the last cache point (all text when there is none)
 * @param maxTokens the request's output cap, empty when the request sets none
 */
public record Prompt(String cacheablePrefix, String remainder, OptionalInt maxTokens) {

  /** All prompt text, in request order. */
  public String text() {
    return cacheablePrefix + remainder;
  }

  public boolean hasCachePoint() {
    return !cacheablePrefix.isEmpty();
  }

  /** Collects prompt text in request order and remembers where the last cache point was. */
  public static final class Builder {
    private final StringBuilder text = new StringBuilder();
    private int cachePointAt;

    public Builder text(String segment) {
      text.append(segment);
      return this;
    }

    /** Marks a cache point after the text added so far. */
    public Builder cachePoint() {
      cachePointAt = text.length();
      return this;
    }

    public Prompt build(OptionalInt maxTokens) {
      return new Prompt(text.substring(0, cachePointAt), text.substring(cachePointAt), maxTokens);
    }
  }
}
