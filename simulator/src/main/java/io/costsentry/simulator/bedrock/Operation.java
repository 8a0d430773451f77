package io.costsentry.simulator.bedrock;

/** The Bedrock Runtime operations the simulator serves, with the last path segment of each. */
public enum Operation {
  CONVERSE("converse", false),
  CONVERSE_STREAM("converse-stream", true),
  INVOKE_MODEL("invoke", false),
  INVOKE_MODEL_WITH_RESPONSE_STREAM("invoke-with-response-stream", true),
  COUNT_TOKENS("count-tokens", false);

  private final String pathSegment;
  private final boolean streaming;

  Operation(String pathSegment, boolean streaming) {
    this.pathSegment = pathSegment;
    this.streaming = streaming;
  }

  /** The literal last segment of {@code /model/{modelId}/<segment>}. */
  public String pathSegment() {
    return pathSegment;
  }

  /** Whether the response is an {@code application/vnd.amazon.eventstream} body. */
  public boolean streaming() {
    return streaming;
  }

  /** The operation served at the given path segment, or {@code null} when none is. */
  public static Operation fromPathSegment(String segment) {
    for (Operation operation : values()) {
      if (operation.pathSegment.equals(segment)) {
        return operation;
      }
    }
    return null;
  }
}
