package io.costsentry.sidecar.server;

import io.costsentry.sidecar.config.HostPort;
import io.costsentry.sidecar.proxy.BedrockRuntimeProxy;
import io.costsentry.sidecar.proxy.CallerIdentity;
import io.costsentry.sidecar.simple.SimpleInvokeApi;
import io.costsentry.sidecar.telemetry.MetricsSink;
import io.costsentry.sidecar.telemetry.PrometheusMetricsSink;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Builds the two Jetty servers of a sidecar: the proxy port and the admin port. */
public final class HttpServers {
  private HttpServers() {}

  /**
   * The proxy port speaks HTTP/1.1 and h2c with prior knowledge on one socket: the Java async and
   * JavaScript v3 Bedrock clients open plain-http connections with the HTTP/2 preface.
   */
  public static Server proxy(
      HostPort listen,
      BedrockRuntimeProxy runtime,
      SimpleInvokeApi simple,
      CallerIdentity identity,
      long maxRequestBytes,
      MetricsSink sink) {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendDateHeader(false);
    // Bedrock ARN model ids arrive as one segment with %2F inside; it must reach the router as is.
    config.setUriCompliance(
        UriCompliance.DEFAULT.with(
            "bedrock-model-arn",
            UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR,
            UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(config);
    h2c.setMaxConcurrentStreams(1024);
    Server server =
        server(
            listen,
            new ProxyHandler(runtime, simple, identity, maxRequestBytes, sink),
            new HttpConnectionFactory(config),
            h2c);
    server.setErrorHandler(new BedrockErrorHandler());
    return server;
  }

  public static Server admin(
      HostPort listen, PrometheusMetricsSink prometheus, BooleanSupplier ready) {
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    return server(listen, new AdminHandler(prometheus, ready), new HttpConnectionFactory(config));
  }

  private static Server server(
      HostPort listen, Handler handler, org.eclipse.jetty.server.ConnectionFactory... factories) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("costsentry-http");
    // Request handling blocks (ledger, upstream): one cheap virtual thread per request.
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    Server server = new Server(threads);
    ServerConnector connector = new ServerConnector(server, 1, 1, factories);
    connector.setHost(listen.host());
    connector.setPort(listen.port());
    server.addConnector(connector);
    server.setHandler(handler);
    server.setStopTimeout(10_000);
    return server;
  }

  public static int port(Server server) {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }
}
