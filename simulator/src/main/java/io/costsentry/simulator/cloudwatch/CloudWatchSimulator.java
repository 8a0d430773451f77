package io.costsentry.simulator.cloudwatch;

import io.costsentry.simulator.http.JettyServers;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A wire-level fake of Amazon CloudWatch {@code PutMetricData} (and the dashboard operations {@code
 * PutDashboard}, {@code GetDashboard}, {@code ListDashboards}, {@code DeleteDashboards}) that the
 * real AWS SDK clients accept through {@code endpointOverride} (aws-wire.md §5): Smithy RPC v2 CBOR
 * on {@code POST /service/GraniteServiceVersion20100801/operation/PutMetricData} (the Java SDK
 * since 2.40.6, gzip-compressed bodies included) and AWS JSON 1.0 on {@code POST /} with {@code
 * X-Amz-Target: GraniteServiceVersion20100801.PutMetricData} (boto3, the AWS CLI), over HTTP/1.1
 * and h2c.
 *
 * <p>Accepted calls are kept as {@link RecordedDatum}s; calls CloudWatch would refuse (no
 * namespace, more than 1000 datums or 30 dimensions, empty metric names, bad units, non-finite
 * values, ...) are answered with CloudWatch's errors and record nothing. Signatures are not
 * checked. {@link #failNext} injects errors such as {@code 500 InternalFailure} or {@code 400
 * Throttling}.
 *
 * <pre>{@code
 * try (CloudWatchSimulator cloudWatch = CloudWatchSimulator.start()) {
 *   CloudWatchClient client = CloudWatchClient.builder()
 *       .endpointOverride(cloudWatch.endpoint())
 *       .region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
 *       .build();
 *   ...
 * }
 * }</pre>
 */
public final class CloudWatchSimulator implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

  private final Server server;
  private final ServerConnector connector;
  private final List<RecordedDatum> data = new CopyOnWriteArrayList<>();
  private final Deque<CloudWatchError> armedFailures = new ArrayDeque<>();
  private final AtomicInteger putMetricDataCalls = new AtomicInteger();
  private final Dashboards dashboards = new Dashboards();

  private CloudWatchSimulator(String host, int port) {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(
        new CloudWatchHandler(
            Clock.systemUTC(),
            this::nextFailure,
            putMetricDataCalls::incrementAndGet,
            data::addAll,
            dashboards));
  }

  /** Starts a simulator on a free loopback port and returns once it accepts connections. */
  public static CloudWatchSimulator start() {
    return start(LOOPBACK, 0);
  }

  /**
   * Starts a simulator on {@code host:port} ({@code 0}: a free port).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static CloudWatchSimulator start(String host, int port) {
    CloudWatchSimulator simulator = new CloudWatchSimulator(host, port);
    JettyServers.start(simulator.server, "CloudWatch simulator", host, port, simulator::close);
    return simulator;
  }

  /** The base URI to give SDK clients as {@code endpointOverride}. */
  public URI endpoint() {
    return JettyServers.endpoint(connector);
  }

  /** The datums of all accepted {@code PutMetricData} calls, oldest first. */
  public List<RecordedDatum> data() {
    return List.copyOf(data);
  }

  /** The dashboards' bodies by name, as {@code PutDashboard} stored them. */
  public Map<String, String> dashboards() {
    return dashboards.bodies();
  }

  /** {@code PutDashboard} calls received, refused ones included. */
  public int putDashboardCalls() {
    return dashboards.putCalls();
  }

  /** {@code PutMetricData} calls received, refused and failed ones included. */
  public int putMetricDataCalls() {
    return putMetricDataCalls.get();
  }

  /**
   * Answers the next {@code count} {@code PutMetricData} calls with an error instead of recording
   * them, e.g. {@code failNext(1, 500, "InternalFailure")} or {@code failNext(2, 400,
   * "Throttling")}. {@code errorShape} goes into {@code __type} (as {@code
   * com.amazonaws.cloudwatch#errorShape}) and, for unmodelled shapes as these, unchanged into
   * {@code x-amzn-query-error}, so the SDK's {@code errorCode()} is {@code errorShape}; modelled
   * shapes ({@code InvalidParameterValueException}, {@code InternalServiceFault}, ...) get their
   * awsQuery code. Arming again queues behind failures still armed.
   */
  public void failNext(int count, int status, String errorShape) {
    if (count < 0 || status < 400 || status > 599 || errorShape == null || errorShape.isBlank()) {
      throw new IllegalArgumentException("failNext needs count >= 0, a 4xx/5xx status, a shape");
    }
    CloudWatchError error =
        CloudWatchError.of(status, errorShape, "Injected by the CloudWatch simulator.");
    synchronized (armedFailures) {
      for (int i = 0; i < count; i++) {
        armedFailures.addLast(error);
      }
    }
  }

  /** Forgets the recorded data, the call count and any armed failure. */
  public void reset() {
    synchronized (armedFailures) {
      armedFailures.clear();
    }
    data.clear();
    putMetricDataCalls.set(0);
    dashboards.clear();
  }

  private CloudWatchError nextFailure() {
    synchronized (armedFailures) {
      return armedFailures.pollFirst();
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("CloudWatch simulator did not stop cleanly", e);
    }
  }
}
