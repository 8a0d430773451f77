package io.costsentry.operator.billing;

/**
 * Which Cost Explorer SERVICE names are Bedrock spend: "Amazon Bedrock" itself, and the AWS
 * Marketplace names third-party models are billed under, which end in "(Amazon Bedrock Edition)"
 * (e.g. "Claude 3.5 Haiku (Amazon Bedrock Edition)"; DESIGN.md "Cost Explorer caveat", aws-wire.md
 * §6 — consistent third-party evidence, no AWS document).
 */
public final class BedrockServices {
  public static final String BEDROCK = "Amazon Bedrock";
  public static final String MARKETPLACE_SUFFIX = "(Amazon Bedrock Edition)";

  private BedrockServices() {}

  public static boolean isBedrock(String service) {
    return service != null
        && (service.equals(BEDROCK) || service.strip().endsWith(MARKETPLACE_SUFFIX));
  }
}
