package io.costsentry.sidecar;

import java.io.PrintStream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * What a sidecar takes from its surroundings rather than its configuration: AWS credentials, the
 * stream metrics and audit lines go to, and an optional Bedrock API key of its own.
 *
 * @param bedrockBearerToken when set, upstream calls use it instead of SigV4
 */
public record SidecarEnvironment(
    AwsCredentialsProvider credentials, PrintStream stdout, String bedrockBearerToken) {

  /** The standard AWS credential chain, the process's stdout, {@code AWS_BEARER_TOKEN_BEDROCK}. */
  public static SidecarEnvironment fromProcess() {
    String token = System.getenv("AWS_BEARER_TOKEN_BEDROCK");
    return new SidecarEnvironment(
        DefaultCredentialsProvider.builder().build(),
        System.out,
        token == null || token.isBlank() ? null : token);
  }
}
