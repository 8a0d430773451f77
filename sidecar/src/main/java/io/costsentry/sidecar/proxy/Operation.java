package io.costsentry.sidecar.proxy;

import java.util.Optional;

/** The Bedrock Runtime operations the proxy serves, by the last segment of their path. */
public enum Operation {
  CONVERSE("converse", "Converse", false, true),
  CONVERSE_STREAM("converse-stream", "ConverseStream", true, true),
  INVOKE_MODEL("invoke", "InvokeModel", false, false),
  INVOKE_MODEL_WITH_RESPONSE_STREAM(
      "invoke-with-response-stream", "InvokeModelWithResponseStream", true, false);

  private final String pathSuffix;
  private final String apiName;
  private final boolean streaming;
  private final boolean converseShaped;

  Operation(String pathSuffix, String apiName, boolean streaming, boolean converseShaped) {
    this.pathSuffix = pathSuffix;
    this.apiName = apiName;
    this.streaming = streaming;
    this.converseShaped = converseShaped;
  }

  public String pathSuffix() {
    return pathSuffix;
  }

  public String apiName() {
    return apiName;
  }

  /** The response is an event stream. */
  public boolean streaming() {
    return streaming;
  }

  /** The body is the Converse API's (otherwise it is the model's native JSON). */
  public boolean converseShaped() {
    return converseShaped;
  }

  public static Optional<Operation> byPathSuffix(String suffix) {
    for (Operation op : values()) {
      if (op.pathSuffix.equals(suffix)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
