package io.costsentry.operator.bedrock;

/**
 * A model id checked against Bedrock.
 *
 * @param arn what an application inference profile copies from (foundation model or system
 *     inference profile ARN), or the application inference profile ARN itself
 * @param kind {@code foundation-model}, {@code inference-profile} or {@code
 *     application-inference-profile}
 */
public record ResolvedModel(String modelId, String arn, String kind) {}
