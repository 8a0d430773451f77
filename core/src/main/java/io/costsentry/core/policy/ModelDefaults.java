package io.costsentry.core.policy;

/** Inference parameters applied when a request omits them; each may be {@code null}. */
public record ModelDefaults(Integer maxTokens, Double temperature, Double topP, Integer topK) {
  public static final ModelDefaults NONE = new ModelDefaults(null, null, null, null);
}
