package io.costsentry.simulator.bedrock.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.bedrock.Operation;
import io.costsentry.simulator.bedrock.wire.BedrockException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteResolverTest {

  @Test
  void decodesAnEncodedArnWithoutSplittingOnItsSlash() {
    Route route =
        RouteResolver.resolve(
            "POST",
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile"
                + "%2Fabc123def456/converse-stream");

    assertThat(route.operation()).isEqualTo(Operation.CONVERSE_STREAM);
    assertThat(route.modelId())
        .isEqualTo(
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456");
  }

  @Test
  void routesEveryOperation() {
    for (Operation operation : Operation.values()) {
      assertThat(
              RouteResolver.resolve(
                  "POST", "/model/us.anthropic.x-v1%3A0/" + operation.pathSegment()))
          .isEqualTo(new Route(operation, "us.anthropic.x-v1:0"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/model",
        "/model/x",
        "/model/x/chat",
        "/models/x/converse",
        "/model//converse"
      })
  void unknownPathsAreUnknownOperations(String path) {
    assertThatThrownBy(() -> RouteResolver.resolve("POST", path))
        .isInstanceOfSatisfying(
            BedrockException.class, e -> assertThat(e.error().status()).isEqualTo(404));
  }

  @Test
  void otherMethodsThanPostAreRefused() {
    assertThatThrownBy(() -> RouteResolver.resolve("GET", "/model/x/converse"))
        .isInstanceOfSatisfying(
            BedrockException.class, e -> assertThat(e.error().status()).isEqualTo(405));
  }
}
