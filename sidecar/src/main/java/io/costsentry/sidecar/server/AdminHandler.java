package io.costsentry.sidecar.server;

import io.costsentry.sidecar.telemetry.PrometheusMetricsSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The admin port: {@code /metrics} (Prometheus text), {@code /healthz} (the process is alive),
 * {@code /readyz} (policies loaded and proxy listening: send traffic).
 */
final class AdminHandler extends Handler.Abstract {
  private final PrometheusMetricsSink prometheus;
  private final BooleanSupplier ready;

  AdminHandler(PrometheusMetricsSink prometheus, BooleanSupplier ready) {
    super(InvocationType.BLOCKING);
    this.prometheus = prometheus;
    this.ready = ready;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    switch (request.getHttpURI().getPath()) {
      case "/metrics" -> {
        if (prometheus == null) {
          text(response, callback, 404, "prometheus metrics are off (COSTSENTRY_METRICS)\n");
          return true;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        prometheus.scrape(out);
        response.setStatus(200);
        response.getHeaders().put("Content-Type", prometheus.contentType());
        response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
      }
      case "/healthz" -> text(response, callback, 200, "ok\n");
      case "/readyz" ->
          text(
              response,
              callback,
              ready.getAsBoolean() ? 200 : 503,
              ready.getAsBoolean() ? "ready\n" : "not ready\n");
      default -> text(response, callback, 404, "not found\n");
    }
    return true;
  }

  private static void text(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
