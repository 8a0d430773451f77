package io.costsentry.sidecar.simple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.sidecar.inspect.JsonBodies;
import io.costsentry.sidecar.proxy.BedrockErrorException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The seed's simple invoke request, {@code {model, prompt:{messages, parameters}, tags}}, checked
 * and translated to a Converse body.
 */
record SimpleInvokeRequest(String model, byte[] converseBody, Map<String, String> tags) {
  private static final Set<String> ROLES = Set.of("system", "user", "assistant");
  private static final Map<String, String> PARAMETERS =
      Map.of("maxTokens", "maxTokens", "temperature", "temperature", "topP", "topP");

  static SimpleInvokeRequest parse(byte[] body) {
    ObjectNode root = JsonBodies.parseObject(body);
    JsonNode model = root.get("model");
    if (model == null || !model.isTextual() || model.textValue().isBlank()) {
      throw BedrockErrorException.validation("model is required: a ModelAlias name or model id");
    }
    JsonNode prompt = root.get("prompt");
    if (prompt == null || !prompt.isObject()) {
      throw BedrockErrorException.validation("prompt is required: {messages, parameters}");
    }
    ObjectNode converse = JsonBodies.MAPPER.createObjectNode();
    translateMessages(prompt.get("messages"), converse);
    translateParameters(prompt.get("parameters"), converse);
    return new SimpleInvokeRequest(
        model.textValue(), JsonBodies.write(converse), tags(root.get("tags")));
  }

  private static void translateMessages(JsonNode messages, ObjectNode converse) {
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw BedrockErrorException.validation("prompt.messages must be a non-empty list");
    }
    ArrayNode system = JsonBodies.MAPPER.createArrayNode();
    ArrayNode turns = converse.putArray("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String path = "prompt.messages[" + i + "]";
      JsonNode role = message.get("role");
      if (role == null || !ROLES.contains(role.asText())) {
        throw BedrockErrorException.validation(
            path + ".role must be one of system, user, assistant");
      }
      JsonNode content = message.get("content");
      if (content == null || !content.isTextual() || content.textValue().isEmpty()) {
        throw BedrockErrorException.validation(path + ".content must be a non-empty string");
      }
      if (role.asText().equals("system")) {
        system.addObject().put("text", content.textValue());
      } else {
        ObjectNode turn = turns.addObject().put("role", role.asText());
        turn.putArray("content").addObject().put("text", content.textValue());
      }
    }
    if (turns.isEmpty()) {
      throw BedrockErrorException.validation(
          "prompt.messages needs at least one user message besides system messages");
    }
    if (!system.isEmpty()) {
      converse.set("system", system);
    }
  }

  private static void translateParameters(JsonNode parameters, ObjectNode converse) {
    if (parameters == null || parameters.isNull()) {
      return;
    }
    if (!parameters.isObject()) {
      throw BedrockErrorException.validation("prompt.parameters must be an object");
    }
    ObjectNode config = converse.putObject("inferenceConfig");
    for (var it = parameters.fields(); it.hasNext(); ) {
      var field = it.next();
      String target = PARAMETERS.get(field.getKey());
      if (target == null) {
        throw BedrockErrorException.validation(
            "prompt.parameters."
                + field.getKey()
                + " is not supported; use maxTokens, temperature, topP");
      }
      if (!field.getValue().isNumber()) {
        throw BedrockErrorException.validation(
            "prompt.parameters." + field.getKey() + " must be a number");
      }
      config.set(target, field.getValue());
    }
  }

  private static Map<String, String> tags(JsonNode tags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tags == null || tags.isNull()) {
      return out;
    }
    if (!tags.isObject()) {
      throw BedrockErrorException.validation("tags must be an object of strings");
    }
    for (var it = tags.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!field.getValue().isTextual()) {
        throw BedrockErrorException.validation("tags." + field.getKey() + " must be a string");
      }
      out.put(field.getKey(), field.getValue().textValue());
    }
    return out;
  }
}
