package io.costsentry.sidecar.proxy;

/** Thrown anywhere on the request path to end the request with a Bedrock-shaped error. */
public final class BedrockErrorException extends RuntimeException {
  private final transient BedrockError error;

  public BedrockErrorException(BedrockError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public static BedrockErrorException validation(String message) {
    return new BedrockErrorException(BedrockError.validation(message));
  }

  public BedrockError error() {
    return error;
  }
}
