package io.costsentry.simulator.bedrock.model;

/** Why generation stopped; each body format spells it its own way. */
public enum StopReason {
  END_TURN,
  MAX_TOKENS;

  /** Converse, Anthropic and Nova spelling. */
  public String wireName() {
    return this == END_TURN ? "end_turn" : "max_tokens";
  }
}
