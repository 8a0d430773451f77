package io.costsentry.sidecar.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.policy.AliasPolicy;

/**
 * Checks an InvokeModel / InvokeModelWithResponseStream body (the model's native JSON), bounds its
 * tokens, and injects the alias's maxTokens default in the family's own field when it is missing.
 */
public final class InvokeInspector {
  private InvokeInspector() {}

  public static InspectedRequest inspect(byte[] body, AliasPolicy alias, boolean withPrompt) {
    ObjectNode root = JsonBodies.parseObject(body);
    ModelFamily family = ModelFamily.of(alias.modelId());
    ObjectNode capParent = family.capParent(root, false);
    Integer requested = JsonBodies.positiveInt(capParent, family.field(), family.path());
    int maxTokens = OutputTokenPolicy.maxTokens(requested, alias, family.path());
    boolean rewritten = false;
    if (requested == null) {
      family.capParent(root, true).put(family.field(), maxTokens);
      rewritten = true;
    }
    if (family == ModelFamily.ANTHROPIC) {
      rewritten |= applyAnthropicDefaults(root, alias);
    }
    return new InspectedRequest(
        rewritten ? JsonBodies.write(root) : body,
        InputTokenBound.of(root),
        maxTokens,
        withPrompt ? promptText(root) : null,
        null);
  }

  private static boolean applyAnthropicDefaults(ObjectNode root, AliasPolicy alias) {
    var d = alias.defaults();
    boolean changed = false;
    if (d.temperature() != null && !root.has("temperature") && !root.has("top_p")) {
      root.put("temperature", d.temperature());
      changed = true;
    }
    if (d.topK() != null && !root.has("top_k")) {
      root.put("top_k", d.topK());
      changed = true;
    }
    return changed;
  }

  private static String promptText(JsonNode root) {
    StringBuilder sb = new StringBuilder();
    for (String field : new String[] {"text", "prompt", "inputText", "content", "system"}) {
      for (JsonNode value : root.findValues(field)) {
        if (value.isTextual()) {
          if (!sb.isEmpty()) {
            sb.append('\n');
          }
          sb.append(value.textValue());
        }
      }
    }
    return sb.toString();
  }
}
