package io.costsentry.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (the operator started and every informer
 * is healthy) and {@code /metrics} (a few Prometheus gauges), for the kubelet's probes.
 */
public final class AdminServer implements AutoCloseable {
  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  public static AdminServer start(int port, Operator operator) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", ex -> answer(ex, 200, "ok\n"));
    server.createContext(
        "/readyz",
        ex -> {
          boolean ready =
              operator.getRuntimeInfo().isStarted()
                  && operator.getRuntimeInfo().allEventSourcesAreHealthy();
          answer(ex, ready ? 200 : 503, ready ? "ready\n" : "not ready\n");
        });
    server.createContext(
        "/metrics",
        ex -> {
          var info = operator.getRuntimeInfo();
          String body =
              "# HELP costsentry_operator_started Whether the operator has started (1) or not (0).\n"
                  + "# TYPE costsentry_operator_started gauge\n"
                  + "costsentry_operator_started "
                  + (info.isStarted() ? 1 : 0)
                  + "\n# HELP costsentry_operator_controllers Registered controllers.\n"
                  + "# TYPE costsentry_operator_controllers gauge\n"
                  + "costsentry_operator_controllers "
                  + info.getRegisteredControllers().size()
                  + "\n# HELP costsentry_operator_event_sources_healthy Whether every informer is"
                  + " healthy.\n# TYPE costsentry_operator_event_sources_healthy gauge\n"
                  + "costsentry_operator_event_sources_healthy "
                  + (info.allEventSourcesAreHealthy() ? 1 : 0)
                  + "\n";
          answer(ex, 200, body);
        });
    server.start();
    return new AdminServer(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void answer(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
