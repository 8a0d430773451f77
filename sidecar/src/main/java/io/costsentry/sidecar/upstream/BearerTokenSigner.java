package io.costsentry.sidecar.upstream;

import software.amazon.awssdk.http.SdkHttpRequest;

/** Bedrock API key auth, used when the sidecar itself has {@code AWS_BEARER_TOKEN_BEDROCK}. */
public final class BearerTokenSigner implements RequestSigner {
  private final String token;

  public BearerTokenSigner(String token) {
    this.token = token;
  }

  @Override
  public SdkHttpRequest sign(SdkHttpRequest request, byte[] body) {
    return request.toBuilder().putHeader("Authorization", "Bearer " + token).build();
  }
}
