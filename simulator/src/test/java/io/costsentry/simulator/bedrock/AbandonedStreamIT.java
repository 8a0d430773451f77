package io.costsentry.simulator.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client that stops reading mid-stream is still billed for the whole response. */
class AbandonedStreamIT {
  private static BedrockSimulator simulator;

  @BeforeAll
  static void start() {
    simulator =
        BedrockSimulator.start(
            SimulatorOptions.builder().tokenDelay(Duration.ofMillis(20)).build());
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  /**
   * Drives the wire by hand: the JDK client's "close the body stream" is a request to stop reading
   * whose effect on the socket is up to the client, which made this test depend on timing. A socket
   * closed with a reset is exactly what a crashed or impatient client does to Bedrock.
   */
  @Test
  void anAbandonedStreamIsRecordedIncompleteButBilledInFull() throws Exception {
    String body =
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":" + "\"[[sim:output=100]]\"}]}]}";
    URI endpoint = simulator.endpoint();
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream HTTP/1.1\r\n"
            + "Host: "
            + endpoint.getAuthority()
            + "\r\n"
            + "Authorization: Bearer "
            + SimulatorOptions.DEFAULT_BEARER_TOKEN
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + bodyBytes.length
            + "\r\n\r\n";

    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bodyBytes);
      out.flush();
      String received = readUntilFirstEvent(socket.getInputStream());
      assertThat(received)
          .startsWith("HTTP/1.1 200")
          .contains("application/vnd.amazon.eventstream");
      socket.setSoLinger(true, 0);
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

  /** Reads the response head and at least the first bytes of the event stream after it. */
  private static String readUntilFirstEvent(InputStream in) throws IOException {
    StringBuilder received = new StringBuilder();
    byte[] buffer = new byte[256];
    int headEnd = -1;
    while (headEnd < 0 || received.length() < headEnd + 16) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("the simulator closed the connection early: " + received);
      }
      received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      headEnd = received.indexOf("\r\n\r\n");
    }
    return received.toString();
  }
}
