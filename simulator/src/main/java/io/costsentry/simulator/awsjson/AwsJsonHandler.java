package io.costsentry.simulator.awsjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Speaks AWS JSON 1.1 (aws-wire.md Appendix A): {@code POST /} with {@code X-Amz-Target:
 * <prefix>.<Operation>} and a JSON body, answered with {@code application/x-amz-json-1.1}, an
 * {@code x-amzn-RequestId}, and errors as {@code {"__type": shape, "Message": ...}}. It checks that
 * the call is SigV4-signed for the right service (the credential scope names {@code signingName}),
 * which catches a client built for the wrong service, but not the signature itself.
 */
public final class AwsJsonHandler extends Handler.Abstract {
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final int MAX_REQUEST_BYTES = 1024 * 1024;
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/,]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One operation: its input, as sent, to its output. */
  @FunctionalInterface
  public interface Operation {
    /**
     * @throws AwsJsonError.Refused to answer with an error
     */
    JsonNode call(JsonNode input);
  }

  private final String targetPrefix;
  private final String signingName;
  private final Map<String, Operation> operations;
  private final AwsJsonFaults faults;
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /**
   * @param targetPrefix e.g. {@code AWSInsightsIndexService}
   * @param signingName e.g. {@code ce}: the service the credential scope must name
   * @param operations by name
   */
  public AwsJsonHandler(
      String targetPrefix,
      String signingName,
      Map<String, Operation> operations,
      AwsJsonFaults faults) {
    this.targetPrefix = targetPrefix;
    this.signingName = signingName;
    this.operations = Map.copyOf(operations);
    this.faults = faults;
  }

  /** Calls received per operation, refused ones included. */
  public int callCount(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  public void resetCallCounts() {
    calls.clear();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String target = request.getHeaders().get("X-Amz-Target");
    String operation =
        target != null && target.startsWith(targetPrefix + ".")
            ? target.substring(targetPrefix.length() + 1)
            : null;
    try {
      if (!"POST".equals(request.getMethod()) || !"/".equals(request.getHttpURI().getPath())) {
        throw new AwsJsonError(404, "UnknownOperationException", "No operation here.").refuse();
      }
      if (operation == null || !operations.containsKey(operation)) {
        throw new AwsJsonError(
                400, "UnknownOperationException", "Unknown operation " + target + ".")
            .refuse();
      }
      calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      checkSigned(request.getHeaders().get(HttpHeader.AUTHORIZATION));
      byte[] body = Content.Source.asInputStream(request).readNBytes(MAX_REQUEST_BYTES + 1);
      if (body.length > MAX_REQUEST_BYTES) {
        throw new AwsJsonError(413, "RequestEntityTooLargeException", "Request too large.")
            .refuse();
      }
      AwsJsonError injected = faults.take(operation);
      if (injected != null) {
        throw injected.refuse();
      }
      JsonNode input;
      try {
        input = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new AwsJsonError(400, "SerializationException", "Malformed JSON body.").refuse();
      }
      if (!input.isObject()) {
        throw new AwsJsonError(400, "SerializationException", "The input must be an object.")
            .refuse();
      }
      write(response, callback, 200, operations.get(operation).call(input));
    } catch (AwsJsonError.Refused refused) {
      AwsJsonError error = refused.error();
      ObjectNode body =
          JSON.createObjectNode().put("__type", error.type()).put("Message", error.message());
      response.getHeaders().put("x-amzn-ErrorType", error.type());
      write(response, callback, error.status(), body);
    }
    return true;
  }

  private void checkSigned(String authorization) {
    if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
      throw new AwsJsonError(
              403, "MissingAuthenticationTokenException", "Missing Authentication Token")
          .refuse();
    }
    Matcher scope = SCOPE.matcher(authorization);
    if (!scope.find()) {
      throw new AwsJsonError(
              403, "IncompleteSignatureException", "Authorization header requires Credential.")
          .refuse();
    }
    if (!scope.group(2).equals(signingName)) {
      throw new AwsJsonError(
              403,
              "InvalidSignatureException",
              "Credential should be scoped to correct service: '" + signingName + "'. ")
          .refuse();
    }
  }

  private static void write(Response response, Callback callback, int status, JsonNode output) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(output == null ? JSON.createObjectNode() : output);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
