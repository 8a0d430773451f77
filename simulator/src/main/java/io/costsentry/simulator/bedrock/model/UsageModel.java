package io.costsentry.simulator.bedrock.model;

import io.costsentry.simulator.bedrock.OutputLengthPolicy;
import io.costsentry.simulator.bedrock.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The simulator's deterministic tokenizer and generator.
 *
 * <ul>
 *   <li><b>Input tokens</b>: {@code ceil(utf8Bytes / 4)} of the prompt text, where the prompt text
 *       is every text the request carries (Converse: {@code system} and message text blocks and the
 *       text of tool results; InvokeModel: the text fields of the model-native body). It is never
 *       more than the UTF-8 byte count, like a real byte-level BPE tokenizer, so "bytes of text" is
 *       a safe upper bound for it. A request with no text still costs 1 token.
 *   <li><b>Prompt caching</b>: text before the last cache point ({@code cachePoint} block in
 *       Converse and Nova, {@code cache_control} in Anthropic bodies) is counted apart, as {@code
 *       ceil(prefixBytes / 4)}: as cache-write tokens the first time that prefix is seen for that
 *       model, as cache-read tokens afterwards. {@code inputTokens} then counts only the rest, as
 *       Bedrock reports it. Real models cache only long prefixes; the simulator caches any.
 *   <li><b>Output tokens</b>: {@code min(maxTokens, desired)} where {@code desired} comes from the
 *       {@link OutputLengthPolicy} (by default the {@code [[sim:output=N]]} directive in the
 *       prompt, else 20) and {@code maxTokens} from the request or, when it sets none, the model's
 *       default. Stop reason is {@code max_tokens} when capped, else {@code end_turn}.
 *   <li><b>Text</b>: filler words, one per output token.
 *   <li><b>Latency</b>: {@code firstTokenDelay} until the first token and {@code tokenDelay}
 *       between tokens.
 * </ul>
 */
public final class UsageModel {
  private final OutputLengthPolicy outputLength;
  private final Duration firstTokenDelay;
  private final Duration tokenDelay;
  private final PromptCache cache;

  public UsageModel(
      OutputLengthPolicy outputLength,
      Duration firstTokenDelay,
      Duration tokenDelay,
      PromptCache cache) {
    this.outputLength = outputLength;
    this.firstTokenDelay = firstTokenDelay;
    this.tokenDelay = tokenDelay;
    this.cache = cache;
  }

  /** {@code ceil(utf8Bytes / 4)}: the token count of a text, without the 1-token minimum. */
  public static int tokens(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    return (bytes + 3) / 4;
  }

  /** The input tokens a prompt costs in all (plain + cached), as CountTokens reports them. */
  public static int inputTokens(Prompt prompt) {
    return Math.max(1, tokens(prompt.cacheablePrefix()) + tokens(prompt.remainder()));
  }

  /**
   * Generates the completion of a prompt, updating the prompt cache.
   *
   * @param defaultMaxTokens the output cap when the prompt sets none (the model's default)
   */
  public Completion complete(String modelId, Prompt prompt, int defaultMaxTokens) {
    int prefixTokens = tokens(prompt.cacheablePrefix());
    int cacheRead = 0;
    int cacheWrite = 0;
    if (prompt.hasCachePoint()) {
      if (cache.use(modelId, prompt.cacheablePrefix())) {
        cacheRead = prefixTokens;
      } else {
        cacheWrite = prefixTokens;
      }
    }
    int input = tokens(prompt.remainder());
    if (input + prefixTokens == 0) {
      input = 1;
    }
    int maxTokens = prompt.maxTokens().orElse(defaultMaxTokens);
    int desired = Math.max(1, outputLength.desiredOutputTokens(prompt.text()));
    int output = Math.min(desired, maxTokens);
    StopReason stopReason = desired > maxTokens ? StopReason.MAX_TOKENS : StopReason.END_TURN;
    Duration latency = firstTokenDelay.plus(tokenDelay.multipliedBy(output - 1L));
    return new Completion(
        FillerWords.tokens(output),
        new Usage(input, output, cacheRead, cacheWrite),
        stopReason,
        firstTokenDelay,
        latency);
  }

  /** Pause before streaming the token at {@code index} (0-based). */
  public Duration delayBeforeToken(int index) {
    return index == 0 ? firstTokenDelay : tokenDelay;
  }
}
