package io.costsentry.operator.webhook;

import io.costsentry.operator.webhook.certs.WebhookCertificate;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The webhooks' HTTPS endpoint (Jetty). It starts with its first certificate and swaps certificates
 * in place when they are renewed: open connections keep theirs, new ones get the new one, no
 * restart.
 */
public final class WebhookServer implements AutoCloseable {
  private final int port;
  private final AdmissionHandler handler;
  private final char[] keyStorePassword =
      HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).toCharArray();
  private Server server;
  private SslContextFactory.Server tls;

  WebhookServer(int port, Map<String, AdmissionHandler.Route> routes, WebhookMetrics metrics) {
    this.port = port;
    this.handler = new AdmissionHandler(routes, metrics);
  }

  /** Serves {@code certificate}: starts the server the first time, then reloads its TLS. */
  public synchronized void serve(WebhookCertificate certificate) {
    try {
      if (server == null) {
        start(certificate);
      } else {
        tls.reload(f -> f.setKeyStore(certificate.keyStore(keyStorePassword)));
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot serve the webhook certificate", e);
    }
  }

  private void start(WebhookCertificate certificate) throws Exception {
    tls = new SslContextFactory.Server();
    tls.setKeyStore(certificate.keyStore(keyStorePassword));
    tls.setKeyStorePassword(new String(keyStorePassword));
    HttpConfiguration http = new HttpConfiguration();
    // The API server dials the Service name, not a host the certificate must match here.
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    threads.setName("webhook");
    Server s = new Server(threads);
    ServerConnector connector =
        new ServerConnector(
            s, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    connector.setPort(port);
    s.addConnector(connector);
    s.setHandler(handler);
    s.start();
    server = s;
  }

  public synchronized boolean started() {
    return server != null && server.isStarted();
  }

  /** The bound port (useful with port 0). */
  public synchronized int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      try {
        server.stop();
      } catch (Exception e) {
        throw new IllegalStateException("stopping the webhook server", e);
      }
    }
  }
}
