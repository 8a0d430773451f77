package io.costsentry.sidecar.upstream;

import io.costsentry.sidecar.proxy.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/** Sends requests to Bedrock Runtime, re-signed with the sidecar's identity, streaming replies. */
public final class BedrockUpstream implements AutoCloseable {
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> CLIENT_MANAGED = Set.of("host", "content-length", "connection");

  private final URI endpoint;
  private final RequestSigner signer;
  private final Duration timeout;
  private final HttpClient client;
  private final ScheduledThreadPoolExecutor deadlines;

  public BedrockUpstream(URI endpoint, RequestSigner signer, Duration timeout) {
    this.endpoint = endpoint;
    this.signer = signer;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            // Bedrock speaks HTTP/2 over TLS; plain-http endpoints (simulators) get HTTP/1.1.
            .version(
                "https".equals(endpoint.getScheme())
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "costsentry-upstream-deadlines");
              thread.setDaemon(true);
              return thread;
            });
    // a finished call cancels its deadline: do not keep it (and its stream) queued until then
    deadlines.setRemoveOnCancelPolicy(true);
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Sends {@code body} to {@code operation} of {@code encodedModelId} and returns as soon as the
   * response headers arrive; the body is read by the caller as it streams. The whole call, body
   * included, must end within the timeout: reading the body fails after that.
   *
   * @param encodedModelId the model id as one percent-encoded path segment
   * @param headers app headers worth forwarding (content type, Bedrock options)
   */
  public HttpResponse<InputStream> send(
      Operation operation, String encodedModelId, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    String base = endpoint.toString().replaceAll("/+$", "");
    URI uri = URI.create(base + "/model/" + encodedModelId + "/" + operation.pathSuffix());
    SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
    headers.forEach(unsigned::putHeader);
    SdkHttpRequest signed = signer.sign(unsigned.build(), body);
    long deadline = System.nanoTime() + timeout.toNanos();

    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
      if (CLIENT_MANAGED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        continue;
      }
      for (String value : header.getValue()) {
        request.header(header.getKey(), value);
      }
    }
    return client.send(
        request.build(),
        info ->
            HttpResponse.BodySubscribers.mapping(
                HttpResponse.BodySubscribers.ofInputStream(),
                in -> DeadlineInputStream.arm(in, deadline, timeout, deadlines)));
  }

  @Override
  public void close() {
    client.close();
    deadlines.shutdownNow();
  }
}
