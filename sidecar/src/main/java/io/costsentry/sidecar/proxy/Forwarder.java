package io.costsentry.sidecar.proxy;

import io.costsentry.sidecar.upstream.BedrockUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Step 3 of the request path: sends an admitted request to Bedrock under the alias's model id. If
 * Bedrock cannot be reached the reservation is released: nothing was billed.
 */
public final class Forwarder {
  private static final List<String> RESPONSE_HEADERS =
      List.of("content-type", "x-amzn-requestid", "x-amzn-errortype", "retry-after");

  private final BedrockUpstream upstream;
  private final Settlement settlement;

  public Forwarder(BedrockUpstream upstream, Settlement settlement) {
    this.upstream = upstream;
    this.settlement = settlement;
  }

  public HttpResponse<InputStream> send(
      RequestTrace trace, Admitted admitted, Operation operation, Map<String, String> appHeaders) {
    String model = BedrockPath.encodeSegment(admitted.targetModelId());
    try {
      return upstream.send(operation, model, forwardable(appHeaders), admitted.request().body());
    } catch (IOException e) {
      settlement.notBilled(admitted);
      trace.upstreamFailed();
      throw new BedrockErrorException(
          BedrockError.of(
              ErrorType.SERVICE_UNAVAILABLE,
              "CostSentry could not reach Bedrock at "
                  + upstream.endpoint()
                  + ": "
                  + e.getClass().getSimpleName()
                  + (e.getMessage() == null ? "" : " " + e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      settlement.notBilled(admitted);
      throw new BedrockErrorException(
          BedrockError.of(ErrorType.SERVICE_UNAVAILABLE, "CostSentry is shutting down"));
    }
  }

  /** App headers Bedrock acts on; authentication and SDK bookkeeping headers are dropped. */
  static Map<String, String> forwardable(Map<String, String> appHeaders) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Content-Type", appHeaders.getOrDefault("content-type", "application/json"));
    appHeaders.forEach(
        (name, value) -> {
          if (name.equals("accept") || name.startsWith("x-amzn-bedrock-")) {
            out.put(name, value);
          }
        });
    return out;
  }

  /** Bedrock's response headers worth returning to the app. */
  public static Map<String, String> returnable(HttpHeaders headers) {
    Map<String, String> out = new LinkedHashMap<>();
    headers
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!values.isEmpty()
                  && (RESPONSE_HEADERS.contains(lower) || lower.startsWith("x-amzn-bedrock-"))) {
                out.put(name, values.get(0));
              }
            });
    return out;
  }
}
