package io.costsentry.core.budget;

/** Who declared a limit: a cost center's budget or a model alias (global per-model limits). */
public record LimitOwner(Kind kind, String name) {
  public enum Kind {
    BUDGET,
    MODEL_ALIAS
  }

  public static LimitOwner budget(String name) {
    return new LimitOwner(Kind.BUDGET, name);
  }

  public static LimitOwner alias(String name) {
    return new LimitOwner(Kind.MODEL_ALIAS, name);
  }

  /** {@code budget 'support'} or {@code model alias 'claude-3-5-haiku'}, for messages. */
  public String describe() {
    return (kind == Kind.BUDGET ? "budget '" : "model alias '") + name + "'";
  }
}
