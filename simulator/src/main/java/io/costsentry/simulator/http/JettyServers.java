package io.costsentry.simulator.http;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** What every simulator does with its Jetty server: start it or fail clearly, and name its URI. */
public final class JettyServers {
  private JettyServers() {}

  /**
   * Starts {@code server}; on failure runs {@code cleanup} and throws.
   *
   * @param what the simulator's name, for the message
   * @throws IllegalStateException when the server cannot start (typically: the port is taken)
   */
  public static void start(Server server, String what, String host, int port, Runnable cleanup) {
    try {
      server.start();
    } catch (Exception e) {
      cleanup.run();
      throw new IllegalStateException(what + " could not start on " + host + ":" + port, e);
    }
  }

  /**
   * The base URI to give SDK clients as {@code endpointOverride}, e.g. {@code
   * http://127.0.0.1:41234}.
   */
  public static URI endpoint(ServerConnector connector) {
    String host = connector.getHost();
    return URI.create(
        "http://"
            + (host.contains(":") ? "[" + host + "]" : host)
            + ":"
            + connector.getLocalPort());
  }
}
