package io.costsentry.operator.webhook;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.webhook.admission.AdmissionController;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP side of the webhooks: reads an AdmissionReview, hands it to the framework's controller of
 * its path and writes the answer. A review that cannot be read gets 400 and a failure 500, so the
 * API server applies the webhook's failurePolicy rather than a made-up verdict.
 */
final class AdmissionHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(AdmissionHandler.class);

  /** The API server sends objects of at most ~3 MiB; refuse anything far larger unread. */
  static final long MAX_BODY = 8L << 20;

  private final Map<String, Route> routes;
  private final WebhookMetrics metrics;

  /** A path's controller and the webhook name its metrics carry. */
  record Route(String webhook, AdmissionController<?> controller) {}

  AdmissionHandler(Map<String, Route> routes, WebhookMetrics metrics) {
    super(InvocationType.BLOCKING);
    this.routes = Map.copyOf(routes);
    this.metrics = metrics;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if ("/healthz".equals(path)) {
      return text(response, callback, 200, "ok\n");
    }
    Route route = routes.get(path);
    if (route == null) {
      return text(response, callback, 404, "no webhook at " + path + "\n");
    }
    if (!"POST".equals(request.getMethod())) {
      return text(response, callback, 405, "POST an AdmissionReview\n");
    }
    if (request.getLength() > MAX_BODY) {
      return text(response, callback, 413, "AdmissionReview larger than " + MAX_BODY + " bytes\n");
    }
    AdmissionReview review;
    try (InputStream in = Content.Source.asInputStream(request)) {
      review = Serialization.unmarshal(in, AdmissionReview.class);
    } catch (Exception e) {
      return text(response, callback, 400, "not an AdmissionReview: " + e.getMessage() + "\n");
    }
    if (review == null || review.getRequest() == null) {
      return text(response, callback, 400, "AdmissionReview without a request\n");
    }
    try {
      AdmissionReview answer = route.controller().handle(review);
      byte[] json = Serialization.asJson(answer).getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.getHeaders().put("Content-Type", "application/json");
      response.write(true, ByteBuffer.wrap(json), callback);
      return true;
    } catch (RuntimeException e) {
      metrics.admission(route.webhook(), "error");
      log.error(
          "webhook {} failed on request {}", route.webhook(), review.getRequest().getUid(), e);
      return text(response, callback, 500, "webhook failed: " + e.getMessage() + "\n");
    }
  }

  private static boolean text(Response response, Callback callback, int status, String body) {
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
