package io.costsentry.sidecar.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.ModelDefaults;
import io.costsentry.sidecar.proxy.BedrockErrorException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Checks a Converse / ConverseStream body, bounds its tokens and applies the alias's defaults. */
public final class ConverseInspector {
  private static final Set<String> ROLES = Set.of("user", "assistant");

  private ConverseInspector() {}

  public static InspectedRequest inspect(byte[] body, AliasPolicy alias, boolean withPrompt) {
    ObjectNode root = JsonBodies.parseObject(body);
    JsonNode messages = root.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw BedrockErrorException.validation(
          "1 validation error detected: Value at 'messages' failed to satisfy constraint: Member"
              + " must not be null or empty");
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      JsonNode role = message.get("role");
      if (role == null || !ROLES.contains(role.asText())) {
        throw BedrockErrorException.validation(
            "Value at 'messages."
                + (i + 1)
                + ".member.role' failed to satisfy constraint: Member must satisfy enum value set:"
                + " [user, assistant]");
      }
      JsonNode content = message.get("content");
      if (content == null || !content.isArray()) {
        throw BedrockErrorException.validation(
            "Value at 'messages." + (i + 1) + ".member.content' must be a list of content blocks");
      }
    }
    JsonNode config = root.get("inferenceConfig");
    if (config != null && !config.isObject()) {
      throw BedrockErrorException.validation("inferenceConfig must be an object");
    }
    Integer requested = JsonBodies.positiveInt(config, "maxTokens", "inferenceConfig.maxTokens");
    int maxTokens = OutputTokenPolicy.maxTokens(requested, alias, "inferenceConfig.maxTokens");
    boolean rewritten = applyDefaults(root, requested == null, maxTokens, alias.defaults());
    long inputBound = InputTokenBound.of(root);
    return new InspectedRequest(
        rewritten ? JsonBodies.write(root) : body,
        inputBound,
        maxTokens,
        withPrompt ? promptText(root) : null,
        requestMetadata(root));
  }

  private static Map<String, String> requestMetadata(JsonNode root) {
    JsonNode metadata = root.get("requestMetadata");
    if (metadata == null || metadata.isNull()) {
      return Map.of();
    }
    if (!metadata.isObject()) {
      throw BedrockErrorException.validation("requestMetadata must be a map of strings");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (var it = metadata.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!field.getValue().isTextual()) {
        throw BedrockErrorException.validation(
            "requestMetadata." + field.getKey() + " must be a string");
      }
      tags.put(field.getKey(), field.getValue().textValue());
    }
    return tags;
  }

  private static boolean applyDefaults(
      ObjectNode root, boolean injectMaxTokens, int maxTokens, ModelDefaults defaults) {
    ObjectNode config = root.get("inferenceConfig") instanceof ObjectNode c ? c : root.objectNode();
    boolean changed = false;
    if (injectMaxTokens) {
      config.put("maxTokens", maxTokens);
      changed = true;
    }
    if (defaults.temperature() != null && !config.has("temperature")) {
      config.put("temperature", defaults.temperature());
      changed = true;
    }
    if (defaults.topP() != null && !config.has("topP")) {
      config.put("topP", defaults.topP());
      changed = true;
    }
    if (changed) {
      root.set("inferenceConfig", config);
    }
    return changed;
  }

  private static String promptText(JsonNode root) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode text : root.findValues("text")) {
      if (text.isTextual()) {
        if (!sb.isEmpty()) {
          sb.append('\n');
        }
        sb.append(text.textValue());
      }
    }
    return sb.toString();
  }
}
