package io.costsentry.core.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP forwarder placed between a client and a server (say a DynamoDB client and
 * dynalite) to simulate outages:
 *
 * <ul>
 *   <li>{@link #cut()}: live connections are closed and new ones closed as soon as accepted, as
 *       when the server is down (clients fail fast);
 *   <li>{@link #stall()}: bytes are swallowed in both directions and nothing ever answers, as in a
 *       network partition (clients fail only by their timeouts);
 *   <li>{@link #restore()}: forwarding again; connections that lived through a stall are closed,
 *       since their streams lost bytes.
 * </ul>
 */
public final class TcpGate implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  private static final int BUFFER_SIZE = 16 * 1024;

  private enum Mode {
    OPEN,
    CUT,
    STALLED
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.OPEN;

  private TcpGate(ServerSocket server, InetSocketAddress target) {
    this.server = server;
    this.target = target;
    Thread.ofVirtual().name("tcp-gate-" + server.getLocalPort()).start(this::acceptLoop);
  }

  /** A gate on a free loopback port forwarding to {@code host:port}. */
  public static TcpGate to(String host, int port) {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      return new TcpGate(server, new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException("could not open a loopback port", e);
    }
  }

  /** A gate forwarding to the host and port of an {@code http://host:port} endpoint. */
  public static TcpGate to(URI endpoint) {
    return to(endpoint.getHost(), endpoint.getPort());
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The gate as an HTTP endpoint, e.g. {@code http://127.0.0.1:40123}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Closes live connections and closes new ones as soon as they are accepted. */
  public void cut() {
    mode = Mode.CUT;
    closeLiveConnections();
  }

  /** Swallows all traffic, on live and new connections, without ever closing or answering. */
  public void stall() {
    mode = Mode.STALLED;
  }

  /** Forwards again. */
  public void restore() {
    Mode previous = mode;
    mode = Mode.OPEN;
    if (previous == Mode.STALLED) {
      closeLiveConnections();
    }
  }

  @Override
  public void close() {
    closeQuietly(server);
    closeLiveConnections();
  }

  private void closeLiveConnections() {
    for (Socket socket : live) {
      closeQuietly(socket);
      live.remove(socket);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      switch (mode) {
        case CUT -> closeQuietly(client);
        case STALLED -> {
          live.add(client);
          Thread.ofVirtual().start(() -> swallow(client));
        }
        case OPEN -> Thread.ofVirtual().start(() -> connect(client));
      }
    }
  }

  /** Reads and drops everything, so the client's writes never block and it waits for a reply. */
  private void swallow(Socket client) {
    byte[] buffer = new byte[BUFFER_SIZE];
    try (client) {
      InputStream in = client.getInputStream();
      while (in.read(buffer) >= 0) {
        // dropped
      }
    } catch (IOException closed) {
      // the gate closed it, or the client gave up
    } finally {
      live.remove(client);
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    live.add(client);
    live.add(upstream);
    try {
      upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      closePair(client, upstream);
      return;
    }
    if (mode == Mode.CUT) { // cut while connecting
      closePair(client, upstream);
      return;
    }
    AtomicInteger finishedDirections = new AtomicInteger();
    Thread.ofVirtual().start(() -> pump(upstream, client, finishedDirections));
    pump(client, upstream, finishedDirections);
  }

  /**
   * Copies {@code from} to {@code to} until end of stream, then half-closes {@code to} so the other
   * direction can finish; on any error both sockets are closed.
   */
  private void pump(Socket from, Socket to, AtomicInteger finishedDirections) {
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (mode == Mode.OPEN) {
          out.write(buffer, 0, n);
          out.flush();
        }
      }
      if (mode == Mode.OPEN) { // a partition does not deliver the end of stream either
        to.shutdownOutput();
      }
    } catch (IOException e) {
      closePair(from, to);
    }
    if (finishedDirections.incrementAndGet() == 2) {
      closePair(from, to);
    }
  }

  private void closePair(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    live.remove(a);
    live.remove(b);
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
