package io.costsentry.simulator.bedrock.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.Usage;
import io.costsentry.simulator.bedrock.model.Completion;

/** Usage and metrics objects in the spellings of Converse and of Bedrock's invocation metrics. */
final class UsageJson {
  private UsageJson() {}

  /** Converse {@code TokenUsage}; cache members only when non-zero. */
  static ObjectNode converseUsage(Usage usage) {
    ObjectNode node = Json.object();
    node.put("inputTokens", usage.inputTokens());
    node.put("outputTokens", usage.outputTokens());
    node.put("totalTokens", usage.totalTokens());
    if (usage.cacheReadInputTokens() > 0) {
      node.put("cacheReadInputTokens", usage.cacheReadInputTokens());
    }
    if (usage.cacheWriteInputTokens() > 0) {
      node.put("cacheWriteInputTokens", usage.cacheWriteInputTokens());
    }
    return node;
  }

  static ObjectNode converseMetrics(Completion completion) {
    return Json.object().put("latencyMs", completion.latency().toMillis());
  }

  /** The {@code amazon-bedrock-invocationMetrics} member of the last stream chunk. */
  static ObjectNode invocationMetrics(Completion completion) {
    Usage usage = completion.usage();
    ObjectNode node = Json.object();
    node.put("inputTokenCount", usage.inputTokens());
    node.put("outputTokenCount", usage.outputTokens());
    node.put("invocationLatency", completion.latency().toMillis());
    node.put("firstByteLatency", completion.firstTokenLatency().toMillis());
    if (usage.cacheReadInputTokens() > 0) {
      node.put("cacheReadInputTokenCount", usage.cacheReadInputTokens());
    }
    if (usage.cacheWriteInputTokens() > 0) {
      node.put("cacheWriteInputTokenCount", usage.cacheWriteInputTokens());
    }
    return node;
  }
}
