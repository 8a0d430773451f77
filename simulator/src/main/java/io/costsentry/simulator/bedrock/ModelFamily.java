package io.costsentry.simulator.bedrock;

/**
 * The model-native body format InvokeModel speaks for a model. Converse is the same for all
 * families; InvokeModel bodies differ per family (aws-wire.md §3).
 */
public enum ModelFamily {
  /** Anthropic Messages API ({@code anthropic.*}, {@code us.anthropic.*}, ...). */
  ANTHROPIC,
  /** Amazon Nova understanding models ({@code amazon.nova-*}). */
  AMAZON_NOVA,
  /** Meta Llama ({@code meta.llama*}): {@code prompt} in, {@code generation} out. */
  META_LLAMA
}
