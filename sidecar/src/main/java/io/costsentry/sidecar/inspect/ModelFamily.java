package io.costsentry.sidecar.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where each model family's native InvokeModel body keeps its output-token cap. The family is told
 * from the model id (after the alias is resolved), as Bedrock itself does.
 */
public enum ModelFamily {
  ANTHROPIC("anthropic.", null, "max_tokens"),
  NOVA("amazon.nova", "inferenceConfig", "maxTokens"),
  TITAN_TEXT("amazon.titan-text", "textGenerationConfig", "maxTokenCount"),
  LLAMA("meta.llama", null, "max_gen_len"),
  MISTRAL("mistral.", null, "max_tokens"),
  COHERE("cohere.", null, "max_tokens"),
  AI21("ai21.", null, "max_tokens"),
  UNKNOWN("", null, "max_tokens");

  private final String marker;
  private final String container;
  private final String field;

  ModelFamily(String marker, String container, String field) {
    this.marker = marker;
    this.container = container;
    this.field = field;
  }

  public static ModelFamily of(String modelId) {
    for (ModelFamily family : values()) {
      if (family != UNKNOWN && modelId.contains(family.marker)) {
        return family;
      }
    }
    return UNKNOWN;
  }

  /** The object holding the cap; created when {@code create} and missing. */
  public ObjectNode capParent(ObjectNode root, boolean create) {
    if (container == null) {
      return root;
    }
    if (root.get(container) instanceof ObjectNode existing) {
      return existing;
    }
    return create ? root.putObject(container) : null;
  }

  public String field() {
    return field;
  }

  /** The cap's path in the body, for messages. */
  public String path() {
    return container == null ? field : container + "." + field;
  }
}
