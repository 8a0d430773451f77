package io.costsentry.sidecar.simple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.core.pricing.Money;
import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.inspect.ConverseInspector;
import io.costsentry.sidecar.inspect.JsonBodies;
import io.costsentry.sidecar.proxy.Admission;
import io.costsentry.sidecar.proxy.Admitted;
import io.costsentry.sidecar.proxy.BedrockError;
import io.costsentry.sidecar.proxy.BedrockErrorException;
import io.costsentry.sidecar.proxy.Downstream;
import io.costsentry.sidecar.proxy.ErrorStyle;
import io.costsentry.sidecar.proxy.ErrorType;
import io.costsentry.sidecar.proxy.Forwarder;
import io.costsentry.sidecar.proxy.Operation;
import io.costsentry.sidecar.proxy.RequestTrace;
import io.costsentry.sidecar.proxy.Settlement;
import io.costsentry.sidecar.proxy.TagPolicy;
import io.costsentry.sidecar.usage.UsageReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's simple API, {@code POST /v1/invoke}: one call in, the completion with its usage, cost
 * and full tag set out. Enforced exactly like the Bedrock API; answered through Converse.
 */
public final class SimpleInvokeApi {
  private final Admission admission;
  private final Forwarder forwarder;
  private final Settlement settlement;
  private final boolean logPrompts;

  public SimpleInvokeApi(
      Admission admission, Forwarder forwarder, Settlement settlement, boolean logPrompts) {
    this.admission = admission;
    this.forwarder = forwarder;
    this.settlement = settlement;
    this.logPrompts = logPrompts;
  }

  public ErrorStyle errorStyle() {
    return SimpleErrors.INSTANCE;
  }

  public void handle(RequestTrace trace, byte[] body, Downstream down) throws IOException {
    SimpleInvokeRequest request = SimpleInvokeRequest.parse(body);
    TagPolicy.apply(trace, request.tags());
    if (trace.applicationId() == null) {
      throw BedrockErrorException.validation(
          "tags.applicationId is required (or set COSTSENTRY_APPLICATION_ID for this workload)");
    }
    Admitted admitted =
        admission.admit(
            trace,
            request.model(),
            alias -> ConverseInspector.inspect(request.converseBody(), alias, logPrompts));
    HttpResponse<InputStream> response =
        forwarder.send(
            trace, admitted, Operation.CONVERSE, Map.of("content-type", "application/json"));
    byte[] reply;
    try (InputStream in = response.body()) {
      reply = in.readAllBytes();
    }
    if (response.statusCode() >= 300) {
      settlement.notBilled(admitted);
      trace.upstreamFailed();
      String type =
          response.headers().firstValue("x-amzn-errortype").orElse("InternalServerException");
      String message = messageOf(reply);
      String shape = type.split(":")[0];
      throw new BedrockErrorException(
          BedrockError.of(
              ErrorType.fromShape(shape).orElse(ErrorType.INTERNAL_SERVER),
              "Bedrock answered " + shape + ": " + message));
    }
    JsonNode converse = JsonBodies.MAPPER.readTree(reply);
    Optional<TokenUsage> usage = UsageReader.fromConverse(converse);
    settlement.billed(trace, admitted, usage);
    trace.status(200);
    down.respond(
        200,
        Map.of("Content-Type", "application/json", "x-amzn-RequestId", trace.requestId()),
        render(trace, converse).toString().getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode render(RequestTrace trace, JsonNode converse) {
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    out.put("requestId", trace.requestId());
    out.put("model", trace.model());
    out.put("modelId", trace.modelId());
    StringBuilder completion = new StringBuilder();
    for (JsonNode block : converse.path("output").path("message").path("content")) {
      if (block.has("text")) {
        completion.append(block.get("text").asText());
      }
    }
    out.put("completion", completion.toString());
    out.put("stopReason", converse.path("stopReason").asText(null));
    TokenUsage usage = trace.usage();
    ObjectNode u = out.putObject("usage");
    u.put("inputTokens", usage.input());
    u.put("outputTokens", usage.output());
    u.put("totalTokens", usage.total());
    u.put("cacheReadInputTokens", usage.cacheRead());
    u.put("cacheWriteInputTokens", usage.cacheWrite());
    out.putObject("cost")
        .put("estimatedUSD", Money.microsToUsd(trace.costMicros()))
        .put("currency", "USD");
    ObjectNode tags = out.putObject("tags");
    tags.put("costCenter", trace.identity().costCenter());
    tags.put("applicationId", trace.applicationId());
    if (trace.environment() != null) {
      tags.put("environment", trace.environment());
    }
    tags.put("requestId", trace.requestId());
    tags.put("timestamp", trace.timestamp().toString());
    tags.put("modelMetric", trace.modelMetricId());
    trace.tags().forEach(tags::put);
    return out;
  }

  private static String messageOf(byte[] reply) {
    try {
      return JsonBodies.MAPPER.readTree(reply).path("message").asText("Bedrock refused the call");
    } catch (IOException e) {
      return "Bedrock refused the call";
    }
  }
}
