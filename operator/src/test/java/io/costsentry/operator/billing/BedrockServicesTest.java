package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BedrockServicesTest {
  @Test
  void bedrockAndItsMarketplaceEditionsCountOtherServicesDoNot() {
    assertThat(BedrockServices.isBedrock("Amazon Bedrock")).isTrue();
    assertThat(BedrockServices.isBedrock("Claude 3.5 Haiku (Amazon Bedrock Edition)")).isTrue();
    assertThat(BedrockServices.isBedrock("Claude Sonnet 4 (Amazon Bedrock Edition)")).isTrue();
    assertThat(BedrockServices.isBedrock("Amazon Simple Storage Service")).isFalse();
    assertThat(BedrockServices.isBedrock("Amazon Bedrock AgentCore")).isFalse();
    assertThat(BedrockServices.isBedrock(null)).isFalse();
  }
}
