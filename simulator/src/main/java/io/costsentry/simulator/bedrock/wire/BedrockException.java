package io.costsentry.simulator.bedrock.wire;

/** Carries a {@link BedrockError} from where a request is found bad to where it is answered. */
public final class BedrockException extends RuntimeException {
  private final transient BedrockError error;

  public BedrockException(BedrockError error) {
    super(error.type() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public BedrockError error() {
    return error;
  }
}
