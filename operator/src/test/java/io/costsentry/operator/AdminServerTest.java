package io.costsentry.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoints over HTTP on a free loopback port, the operator's health given. */
class AdminServerTest {
  private final AtomicReference<OperatorHealth> health =
      new AtomicReference<>(new OperatorHealth(false, false, 2, false));
  private final HttpClient http = HttpClient.newHttpClient();
  private AdminServer server;

  @BeforeEach
  void start() throws Exception {
    server = AdminServer.start(0, health::get);
  }

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  @Test
  void healthzAnswersWhileTheOperatorIsStillStarting() throws Exception {
    HttpResponse<String> r = get("/healthz");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void readyzIs503UntilStartedWithHealthyInformersThen200() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    health.set(new OperatorHealth(true, false, 2, true));
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    health.set(new OperatorHealth(true, true, 2, false)); // a standby is ready too
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
  }

  @Test
  void metricsArePrometheusGaugesOfTheCurrentHealth() throws Exception {
    health.set(new OperatorHealth(true, true, 2, true));
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/plain"));
    assertThat(r.body())
        .contains("# TYPE costsentry_operator_started gauge\ncostsentry_operator_started 1\n")
        .contains("costsentry_operator_event_sources_healthy 1\n")
        .contains("# TYPE costsentry_operator_leader gauge\ncostsentry_operator_leader 1\n")
        .contains("costsentry_operator_controllers 2\n");
    health.set(new OperatorHealth(true, true, 2, false));
    assertThat(get("/metrics").body()).contains("costsentry_operator_leader 0\n");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
