package io.costsentry.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code /healthz} (the process answers), {@code /readyz} (the operator started and every informer
 * is healthy; a standby replica is ready too, so a rollout does not wait for a Lease) and {@code
 * /metrics} (a few Prometheus gauges), for the kubelet's probes and for scraping.
 */
public final class AdminServer implements AutoCloseable {
  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  /**
   * @param port 0 picks a free port
   * @param health read on every request
   */
  public static AdminServer start(int port, Supplier<OperatorHealth> health) throws IOException {
    return start(port, health, () -> "");
  }

  /**
   * @param moreMetrics Prometheus text appended to the operator's gauges (budgets, webhooks)
   */
  public static AdminServer start(
      int port, Supplier<OperatorHealth> health, Supplier<String> moreMetrics) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", ex -> answer(ex, 200, "ok\n"));
    server.createContext(
        "/readyz",
        ex -> {
          boolean ready = health.get().ready();
          answer(ex, ready ? 200 : 503, ready ? "ready\n" : "not ready\n");
        });
    server.createContext(
        "/metrics", ex -> answer(ex, 200, metrics(health.get()) + moreMetrics.get()));
    server.start();
    return new AdminServer(server);
  }

  static String metrics(OperatorHealth h) {
    return gauge("costsentry_operator_started", "Whether the operator has started.", h.started())
        + gauge(
            "costsentry_operator_event_sources_healthy",
            "Whether every informer is healthy.",
            h.eventSourcesHealthy())
        + gauge(
            "costsentry_operator_leader",
            "Whether this replica holds the Lease and reconciles.",
            h.leader())
        + "# HELP costsentry_operator_controllers Registered controllers.\n"
        + "# TYPE costsentry_operator_controllers gauge\n"
        + "costsentry_operator_controllers "
        + h.controllers()
        + "\n";
  }

  private static String gauge(String name, String help, boolean value) {
    return "# HELP "
        + name
        + " "
        + help
        + "\n# TYPE "
        + name
        + " gauge\n"
        + name
        + " "
        + (value ? 1 : 0)
        + "\n";
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
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
