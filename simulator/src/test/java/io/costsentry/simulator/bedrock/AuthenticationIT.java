package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * SigV4 verification with real signatures, bearer tokens, and refusals of unauthenticated calls.
 */
class AuthenticationIT {
  private static final String ENCODED_ARN =
      "arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile"
          + "%2Fabc123def456";
  private static final String BODY =
      "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello simulator\"}]}]}";

  private static BedrockSimulator simulator;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    simulator = BedrockSimulator.start(SimulatorOptions.defaults());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    http.close();
    simulator.close();
  }

  private static HttpResponse<String> post(String path, String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(simulator.endpoint() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClientSigningWithAnotherSecretIsRefusedWith403() {
    try (BedrockRuntimeClient wrongSecret = SdkClients.sync(simulator, "not-the-secret")) {
      assertThatThrownBy(
              () ->
                  wrongSecret.converse(
                      r ->
                          r.modelId(SdkClients.PROFILE_ARN)
                              .messages(
                                  Message.builder()
                                      .role(ConversationRole.USER)
                                      .content(ContentBlock.fromText("hi"))
                                      .build())))
          .isInstanceOfSatisfying(
              BedrockRuntimeException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.getMessage()).contains("signature we calculated does not match");
              });
    }
  }

  @Test
  void theConfiguredBearerTokenIsAccepted() throws Exception {
    HttpResponse<String> response =
        post(
            "/model/" + ENCODED_ARN + "/converse",
            "Bearer " + SimulatorOptions.DEFAULT_BEARER_TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.body()).contains("\"inputTokens\":4", "\"outputTokens\":20");
  }

  @Test
  void anotherBearerTokenIsRefused() throws Exception {
    HttpResponse<String> response = post("/model/" + ENCODED_ARN + "/converse", "Bearer nope");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("X-Amzn-ErrorType"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("UnrecognizedClientException:"));
  }

  @Test
  void aRequestWithoutAuthenticationIsRefused() throws Exception {
    HttpResponse<String> response = post("/model/" + ENCODED_ARN + "/converse", null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("X-Amzn-ErrorType"))
        .hasValueSatisfying(
            type -> assertThat(type).startsWith("MissingAuthenticationTokenException:"));
    assertThat(response.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  void unknownPathsAnswerUnknownOperation() throws Exception {
    HttpResponse<String> response =
        post("/foundation-models", "Bearer " + SimulatorOptions.DEFAULT_BEARER_TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue("X-Amzn-ErrorType"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("UnknownOperationException:"));
  }
}
