package io.costsentry.simulator.bedrock;

/**
 * Token usage as Bedrock reports it. Cache reads and writes are reported apart from {@code
 * inputTokens}, as Bedrock does; the billable input is {@link #billableInputTokens()}.
 */
public record Usage(
    int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {

  /** No tokens: what a failed call reports. */
  public static final Usage NONE = new Usage(0, 0, 0, 0);

  public Usage {
    if (inputTokens < 0
        || outputTokens < 0
        || cacheReadInputTokens < 0
        || cacheWriteInputTokens < 0) {
      throw new IllegalArgumentException("token counts must not be negative");
    }
  }

  /** Bedrock's Converse {@code totalTokens}: every input token, cached or not, plus output. */
  public int totalTokens() {
    return billableInputTokens() + outputTokens;
  }

  /** Every input token billed: plain, cache-read and cache-write. */
  public int billableInputTokens() {
    return inputTokens + cacheReadInputTokens + cacheWriteInputTokens;
  }
}
