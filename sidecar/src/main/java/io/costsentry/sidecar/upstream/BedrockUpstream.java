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
  }

  public URI endpoint() {
    return endpoint;
  }

  /**
   * Sends {@code body} to {@code operation} of {@code encodedModelId} and returns as soon as the
   * response headers arrive; the body is read by the caller as it streams.
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
    return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  @Override
  public void close() {
    client.close();
  }
}
