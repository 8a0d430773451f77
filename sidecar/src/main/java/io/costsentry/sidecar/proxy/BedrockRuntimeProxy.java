package io.costsentry.sidecar.proxy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.inspect.ConverseInspector;
import io.costsentry.sidecar.inspect.InspectedRequest;
import io.costsentry.sidecar.inspect.InvokeInspector;
import io.costsentry.sidecar.inspect.JsonBodies;
import io.costsentry.sidecar.usage.UsageReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Bedrock Runtime API through the sidecar: Converse, ConverseStream, InvokeModel and
 * InvokeModelWithResponseStream with the same paths, bodies and errors as Bedrock, enforced.
 */
public final class BedrockRuntimeProxy {
  private final Admission admission;
  private final Forwarder forwarder;
  private final Settlement settlement;
  private final StreamRelay relay;
  private final boolean logPrompts;

  public BedrockRuntimeProxy(
      Admission admission, Forwarder forwarder, Settlement settlement, boolean logPrompts) {
    this.admission = admission;
    this.forwarder = forwarder;
    this.settlement = settlement;
    this.relay = new StreamRelay(settlement);
    this.logPrompts = logPrompts;
  }

  /**
   * @param headers the app's request headers, names lower-cased
   */
  public void handle(
      RequestTrace trace,
      BedrockPath path,
      Map<String, String> headers,
      byte[] body,
      Downstream down)
      throws IOException {
    Operation op = path.operation();
    trace.api(op.apiName());
    requireJson(headers);
    Map<String, String> headerTags = requestMetadataHeader(headers);
    Admitted admitted =
        admission.admit(
            trace,
            path.modelId(),
            alias -> {
              InspectedRequest inspected =
                  op.converseShaped()
                      ? ConverseInspector.inspect(body, alias, logPrompts)
                      : InvokeInspector.inspect(body, alias, logPrompts);
              TagPolicy.apply(trace, headerTags.isEmpty() ? inspected.tags() : headerTags);
              return inspected;
            });

    HttpResponse<InputStream> response = forwarder.send(trace, admitted, op, headers);
    trace.status(response.statusCode());
    if (response.statusCode() >= 300) {
      byte[] error = readAll(response);
      settlement.notBilled(admitted);
      trace.upstreamFailed();
      response
          .headers()
          .firstValue("x-amzn-errortype")
          .ifPresent(t -> trace.error(t.split(":")[0]));
      down.respond(response.statusCode(), Forwarder.returnable(response.headers()), error);
      return;
    }
    if (op.streaming()) {
      relay.relay(trace, admitted, response, down);
      return;
    }
    byte[] reply;
    try {
      reply = readAll(response);
    } catch (IOException e) {
      trace.upstreamFailed();
      settlement.billed(trace, admitted, Optional.empty());
      throw new BedrockErrorException(
          BedrockError.of(ErrorType.SERVICE_UNAVAILABLE, "Bedrock's reply broke off: " + e));
    }
    Optional<TokenUsage> usage =
        op.converseShaped()
            ? UsageReader.fromConverseBody(reply)
            : UsageReader.fromInvokeHeaders(response.headers())
                .or(() -> UsageReader.fromInvokeBody(reply));
    settlement.billed(trace, admitted, usage);
    try {
      down.respond(response.statusCode(), Forwarder.returnable(response.headers()), reply);
    } catch (IOException e) {
      trace.clientDisconnected();
    }
  }

  private static void requireJson(Map<String, String> headers) {
    String contentType = headers.get("content-type");
    if (contentType != null
        && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw BedrockErrorException.validation(
          "Content-Type '" + contentType + "' is not supported; send application/json");
    }
  }

  /** InvokeModel's tags travel in the {@code X-Amzn-Bedrock-Request-Metadata} JSON header. */
  private static Map<String, String> requestMetadataHeader(Map<String, String> headers) {
    String json = headers.get("x-amzn-bedrock-request-metadata");
    if (json == null) {
      return Map.of();
    }
    try {
      return JsonBodies.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw BedrockErrorException.validation(
          "X-Amzn-Bedrock-Request-Metadata must be a JSON object of strings");
    }
  }

  static byte[] readAll(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      return in.readAllBytes();
    }
  }
}
