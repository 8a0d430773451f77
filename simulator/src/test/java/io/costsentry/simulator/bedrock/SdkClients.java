package io.costsentry.simulator.bedrock;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Real AWS SDK clients pointed at a simulator, with the SDK's default HTTP clients. */
final class SdkClients {
  static final String MODEL_ID = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
  static final String PROFILE_ARN =
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456";

  private SdkClients() {}

  /** Sync client: Apache 5, HTTP/1.1, SigV4 with the simulator's default key pair. */
  static BedrockRuntimeClient sync(BedrockSimulator simulator) {
    return sync(simulator, SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY);
  }

  /** Sync client signing with {@code secret}, one attempt per call (no retries hide errors). */
  static BedrockRuntimeClient sync(BedrockSimulator simulator, String secret) {
    return BedrockRuntimeClient.builder()
        .endpointOverride(simulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(secret))
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  /** Async client: Netty with its default for Bedrock, HTTP/2 (h2c prior knowledge on http). */
  static BedrockRuntimeAsyncClient async(BedrockSimulator simulator) {
    return BedrockRuntimeAsyncClient.builder()
        .endpointOverride(simulator.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(SimulatorOptions.DEFAULT_SECRET_ACCESS_KEY))
        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }

  private static StaticCredentialsProvider credentials(String secret) {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(SimulatorOptions.DEFAULT_ACCESS_KEY_ID, secret));
  }
}
