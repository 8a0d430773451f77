package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that stops reading mid-stream is still billed for the whole response. */
class AbandonedStreamIT {
  private static BedrockSimulator simulator;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    simulator =
        BedrockSimulator.start(
            SimulatorOptions.builder().tokenDelay(Duration.ofMillis(20)).build());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    http.close();
    simulator.close();
  }

  @Test
  void anAbandonedStreamIsRecordedIncompleteButBilledInFull() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    simulator.endpoint()
                        + "/model/anthropic.claude-3-haiku-20240307-v1%3A0"
                        + "/converse-stream"))
            .header("Authorization", "Bearer " + SimulatorOptions.DEFAULT_BEARER_TOKEN)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":"
                        + "\"[[sim:output=100]]\"}]}]}"))
            .build();

    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      assertThat(response.headers().firstValue("Content-Type"))
          .contains("application/vnd.amazon.eventstream");
      assertThat(body.readNBytes(16)).hasSize(16);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(simulator.calls())
                    .singleElement()
                    .satisfies(
                        call -> {
                          assertThat(call.completed()).isFalse();
                          assertThat(call.usage()).isEqualTo(new Usage(5, 100, 0, 0));
                        }));
    assertThat(simulator.totalOutputTokens()).isEqualTo(100);
  }
}
