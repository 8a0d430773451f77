package io.costsentry.simulator.awsjson;

import io.costsentry.simulator.http.JettyServers;
import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The Jetty server (HTTP/1.1, loopback by default) behind an AWS JSON 1.1 simulator. */
public final class AwsJsonServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final String what;

  private AwsJsonServer(String what, String host, int port, AwsJsonHandler handler) {
    this.what = what;
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
  }

  /**
   * @throws IllegalStateException when the port cannot be bound
   */
  public static AwsJsonServer start(String what, String host, int port, AwsJsonHandler handler) {
    AwsJsonServer server = new AwsJsonServer(what, host, port, handler);
    JettyServers.start(server.server, what, host, port, server::close);
    return server;
  }

  public URI endpoint() {
    return JettyServers.endpoint(connector);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(what + " did not stop cleanly", e);
    }
  }
}
