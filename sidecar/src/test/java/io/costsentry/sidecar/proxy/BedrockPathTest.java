package io.costsentry.sidecar.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BedrockPathTest {
  @Test
  void encodedArnIsOneSegmentAndDecodedOnce() {
    String raw =
        "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123";
    BedrockPath path = BedrockPath.parse("/model/" + raw + "/converse");
    assertThat(path.operation()).isEqualTo(Operation.CONVERSE);
    assertThat(path.rawModelId()).isEqualTo(raw);
    assertThat(path.modelId())
        .isEqualTo("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123");
    assertThat(BedrockPath.encodeSegment(path.modelId())).isEqualTo(raw);
  }

  @Test
  void everyServedOperationIsRecognised() {
    assertThat(BedrockPath.parse("/model/m/converse-stream").operation())
        .isEqualTo(Operation.CONVERSE_STREAM);
    assertThat(BedrockPath.parse("/model/m/invoke").operation()).isEqualTo(Operation.INVOKE_MODEL);
    assertThat(BedrockPath.parse("/model/m/invoke-with-response-stream").operation())
        .isEqualTo(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM);
  }

  @Test
  void unknownPathsAndOperationsAreUnknownOperationErrors() {
    assertThatThrownBy(() -> BedrockPath.parse("/model/m/count-tokens"))
        .isInstanceOfSatisfying(
            BedrockErrorException.class,
            e -> assertThat(e.error().type()).isEqualTo(ErrorType.UNKNOWN_OPERATION));
    assertThatThrownBy(() -> BedrockPath.parse("/foundation-models"))
        .isInstanceOf(BedrockErrorException.class);
    assertThatThrownBy(() -> BedrockPath.parse("/model/a/b/converse"))
        .isInstanceOf(BedrockErrorException.class);
  }

  @Test
  void malformedEncodingAndBadUtf8InTheModelIdAreValidationErrors() {
    for (String raw : new String[] {"abc%2", "abc%zz", "%C3%28"}) {
      assertThatThrownBy(() -> BedrockPath.parse("/model/" + raw + "/converse"))
          .isInstanceOfSatisfying(
              BedrockErrorException.class,
              e -> assertThat(e.error().type()).isEqualTo(ErrorType.VALIDATION));
    }
  }
}
