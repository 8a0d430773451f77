package io.costsentry.core.pricing;

/**
 * Tokens of one request. Cache read and write tokens are counted apart from {@code input}, as
 * Bedrock reports them.
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite) {
  public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

  public TokenUsage {
    if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** All input-side tokens, cached or not. */
  public long allInput() {
    return input + cacheRead + cacheWrite;
  }

  public long total() {
    return allInput() + output;
  }
}
