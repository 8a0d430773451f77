package io.costsentry.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TcpGateTest {
  private ServerSocket echoServer;
  private TcpGate gate;

  @BeforeEach
  void startEchoServerBehindAGate() throws IOException {
    echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::echoConnections);
    gate = TcpGate.to("127.0.0.1", echoServer.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    gate.close();
    echoServer.close();
  }

  private void echoConnections() {
    while (!echoServer.isClosed()) {
      try {
        Socket socket = echoServer.accept();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (socket) {
                    socket.getInputStream().transferTo(socket.getOutputStream());
                  } catch (IOException closed) {
                    // client went away
                  }
                });
      } catch (IOException closed) {
        return;
      }
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), gate.port());
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static String roundTrip(Socket socket, String message) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(message.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    byte[] answer = socket.getInputStream().readNBytes(message.length());
    return new String(answer, StandardCharsets.US_ASCII);
  }

  @Test
  void forwardsBothWays() throws IOException {
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
      assertThat(roundTrip(socket, "again")).isEqualTo("again");
    }
    assertThat(gate.endpoint().toString()).isEqualTo("http://127.0.0.1:" + gate.port());
  }

  @Test
  void cutClosesLiveConnectionsAndNewOnes() throws IOException {
    try (Socket live = connect()) {
      assertThat(roundTrip(live, "ping")).isEqualTo("ping");

      gate.cut();

      assertThat(endOfStreamOrReset(live)).isTrue();
    }
    try (Socket fresh = connect()) {
      assertThat(endOfStreamOrReset(fresh)).isTrue();
    }
  }

  private static boolean endOfStreamOrReset(Socket socket) {
    try {
      return socket.getInputStream().read() == -1;
    } catch (IOException reset) {
      return !(reset instanceof SocketTimeoutException);
    }
  }

  @Test
  void stallSwallowsTrafficWithoutAnswering() throws IOException {
    try (Socket live = connect()) {
      gate.stall();
      live.setSoTimeout(300);

      live.getOutputStream().write("anyone?".getBytes(StandardCharsets.US_ASCII));
      InputStream in = live.getInputStream();

      assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void restoreForwardsNewConnectionsAgain() throws IOException {
    gate.cut();
    gate.restore();

    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "back")).isEqualTo("back");
    }
    gate.stall();
    gate.restore();
    try (Socket socket = connect()) {
      assertThat(roundTrip(socket, "again")).isEqualTo("again");
    }
  }
}
