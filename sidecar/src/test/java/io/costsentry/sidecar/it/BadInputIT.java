package io.costsentry.sidecar.it;

import static io.costsentry.sidecar.it.ItSupport.HAIKU_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.costsentry.sidecar.Sidecar;
import io.costsentry.sidecar.config.LedgerKind;
import io.costsentry.simulator.bedrock.BedrockSimulator;
import io.costsentry.simulator.bedrock.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind gets a Bedrock-shaped error naming the problem, never reaches Bedrock and
 * reserves nothing.
 */
class BadInputIT {
  static final String CONVERSE = "/model/claude-3-5-haiku/converse";
  static final String OK_MESSAGES =
      "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]";
  static BedrockSimulator simulator;
  static Sidecar sidecar;
  static ItSupport.Output output = new ItSupport.Output();

  @BeforeAll
  static void start() throws Exception {
    simulator = BedrockSimulator.start(SimulatorOptions.defaults());
    String policy =
        ItSupport.alias("claude-3-5-haiku", HAIKU_ID, "")
            + ItSupport.budget(
                "support",
                "Enforce",
                "FailClosed",
                "- name: daily-tokens\n  period: Day\n  maxTotalTokens: 1000000");
    sidecar =
        Sidecar.start(
            ItSupport.config(
                ItSupport.writePolicy(policy),
                simulator.endpoint(),
                "support",
                LedgerKind.MEMORY,
                null,
                null,
                64 * 1024),
            ItSupport.env(output));
  }

  @AfterAll
  static void stop() {
    sidecar.close();
    simulator.close();
  }

  @AfterEach
  void nothingReachedBedrock() {
    assertThat(simulator.calls()).isEmpty();
  }

  static Stream<Arguments> badRequests() {
    byte[] badUtf8 = ItSupport.utf8("{" + OK_MESSAGES.replace("hi", "h\u0000i") + "}");
    byte[] invalidUtf8 =
        new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    return Stream.of(
        Arguments.of(
            "malformed JSON",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{\"messages\":["),
            400,
            "ValidationException",
            "not valid JSON"),
        Arguments.of(
            "empty body",
            "POST",
            CONVERSE,
            "application/json",
            new byte[0],
            400,
            "ValidationException",
            "empty"),
        Arguments.of(
            "JSON array body",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("[]"),
            400,
            "ValidationException",
            "JSON object"),
        Arguments.of(
            "missing messages",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{}"),
            400,
            "ValidationException",
            "messages"),
        Arguments.of(
            "empty messages",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{\"messages\":[]}"),
            400,
            "ValidationException",
            "messages"),
        Arguments.of(
            "bad role",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{\"messages\":[{\"role\":\"robot\",\"content\":[]}]}"),
            400,
            "ValidationException",
            "role"),
        Arguments.of(
            "content not a list",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
            400,
            "ValidationException",
            "content"),
        Arguments.of(
            "unknown alias",
            "POST",
            "/model/gpt-17/converse",
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + "}"),
            400,
            "ValidationException",
            "gpt-17"),
        Arguments.of(
            "negative maxTokens",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + ",\"inferenceConfig\":{\"maxTokens\":-5}}"),
            400,
            "ValidationException",
            "inferenceConfig.maxTokens"),
        Arguments.of(
            "maxTokens as text",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + ",\"inferenceConfig\":{\"maxTokens\":\"10\"}}"),
            400,
            "ValidationException",
            "inferenceConfig.maxTokens"),
        Arguments.of(
            "maxTokens above the alias ceiling",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + ",\"inferenceConfig\":{\"maxTokens\":100000}}"),
            400,
            "ValidationException",
            "4096"),
        Arguments.of(
            "oversized body",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + ",\"pad\":\"" + "x".repeat(70_000) + "\"}"),
            400,
            "ValidationException",
            "larger than"),
        Arguments.of(
            "invalid UTF-8",
            "POST",
            CONVERSE,
            "application/json",
            invalidUtf8,
            400,
            "ValidationException",
            "not valid JSON"),
        Arguments.of(
            "wrong content type",
            "POST",
            CONVERSE,
            "text/plain",
            ItSupport.utf8("{" + OK_MESSAGES + "}"),
            400,
            "ValidationException",
            "Content-Type"),
        Arguments.of(
            "unsupported path",
            "POST",
            "/v2/chat",
            "application/json",
            ItSupport.utf8("{}"),
            404,
            "UnknownOperationException",
            "/v2/chat"),
        Arguments.of(
            "unsupported operation",
            "POST",
            "/model/claude-3-5-haiku/count-tokens",
            "application/json",
            ItSupport.utf8("{}"),
            404,
            "UnknownOperationException",
            "count-tokens"),
        Arguments.of(
            "GET instead of POST",
            "GET",
            CONVERSE,
            null,
            null,
            404,
            "UnknownOperationException",
            "GET"),
        Arguments.of(
            "model id that is not UTF-8",
            "POST",
            "/model/claude%C3%28/converse",
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + "}"),
            400,
            "ValidationException",
            "Malformed request"),
        Arguments.of(
            "duplicate JSON keys",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + "," + OK_MESSAGES + "}"),
            400,
            "ValidationException",
            "Duplicate"),
        Arguments.of(
            "trailing garbage",
            "POST",
            CONVERSE,
            "application/json",
            ItSupport.utf8("{" + OK_MESSAGES + "} {}"),
            400,
            "ValidationException",
            "not valid JSON"),
        Arguments.of(
            "control character in text",
            "POST",
            CONVERSE,
            "application/json",
            badUtf8,
            400,
            "ValidationException",
            "not valid JSON"),
        Arguments.of(
            "invoke body not JSON",
            "POST",
            "/model/claude-3-5-haiku/invoke",
            "application/json",
            ItSupport.utf8("max_tokens=10"),
            400,
            "ValidationException",
            "not valid JSON"),
        Arguments.of(
            "simple API without model",
            "POST",
            "/v1/invoke",
            "application/json",
            ItSupport.utf8("{\"prompt\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}}"),
            400,
            "ValidationException",
            "model"),
        Arguments.of(
            "simple API with a bad role",
            "POST",
            "/v1/invoke",
            "application/json",
            ItSupport.utf8(
                "{\"model\":\"claude-3-5-haiku\",\"prompt\":{\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}]}}"),
            400,
            "ValidationException",
            "role"),
        Arguments.of(
            "simple API with an unknown parameter",
            "POST",
            "/v1/invoke",
            "application/json",
            ItSupport.utf8(
                "{\"model\":\"claude-3-5-haiku\",\"prompt\":{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"parameters\":{\"max_tokens\":5}}}"),
            400,
            "ValidationException",
            "max_tokens"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestGetsABedrockShapedErrorAndReservesNothing(
      String name,
      String method,
      String path,
      String contentType,
      byte[] body,
      int status,
      String errorType,
      String messagePart)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.proxyPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    HttpResponse<String> response;
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
    assertThat(response.statusCode()).as(name).isEqualTo(status);
    var json = new ObjectMapper().readTree(response.body());
    if (path.equals("/v1/invoke")) {
      assertThat(json.path("error").path("type").asText()).isEqualTo(errorType);
      assertThat(json.path("error").path("message").asText()).contains(messagePart);
    } else {
      assertThat(response.headers().firstValue("X-Amzn-ErrorType")).contains(errorType);
      assertThat(json.path("message").asText()).as(name).contains(messagePart);
    }
    if (!name.equals("model id that is not UTF-8")) { // refused by the HTTP layer, before routing
      String audit = output.audit().getLast();
      assertThat(audit).contains("\"decision\":\"REJECTED\"", "\"limitsChecked\":[]");
    }
  }
}
