package io.costsentry.sidecar.upstream;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * SigV4 with signing name {@code bedrock}. The path is signed as received (single percent-encoded)
 * and the signer double-encodes it for the canonical request, as Bedrock expects for ARN model ids.
 */
public final class SigV4Signer implements RequestSigner {
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsProvider credentials;
  private final String region;

  public SigV4Signer(AwsCredentialsProvider credentials, String region) {
    this.credentials = credentials;
    this.region = region;
  }

  @Override
  public SdkHttpRequest sign(SdkHttpRequest request, byte[] body) {
    return signer
        .sign(
            r ->
                r.identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region))
        .request();
  }
}
