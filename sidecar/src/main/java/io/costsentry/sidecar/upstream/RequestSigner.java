package io.costsentry.sidecar.upstream;

import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Authenticates a request to Bedrock with the sidecar's own identity. The app's signature is never
 * forwarded: it was made for {@code 127.0.0.1}, not for Bedrock's host.
 */
public interface RequestSigner {
  SdkHttpRequest sign(SdkHttpRequest request, byte[] body);
}
