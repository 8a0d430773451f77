package io.costsentry.simulator.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves CloudWatch {@code PutMetricData} and the dashboard operations in Smithy RPC v2 CBOR (the
 * Java SDK since 2.40.6) and AWS JSON 1.0 (boto3, the AWS CLI), aws-wire.md §5 and Appendix A.
 * Blocking: Jetty runs it on a pool thread.
 */
final class CloudWatchHandler extends Handler.Abstract {
  static final String TARGET_PREFIX = "GraniteServiceVersion20100801";
  static final String RPC_PATH_PREFIX = "/service/" + TARGET_PREFIX + "/operation/";
  static final String PUT_METRIC_DATA = "PutMetricData";
  static final int MAX_REQUEST_BYTES = 1024 * 1024;
  private static final int MAX_DECODED_BYTES = 16 * 1024 * 1024;

  /** The two wire protocols: how bodies are encoded and which headers mark them. */
  enum Protocol {
    RPC_V2_CBOR(new CBORMapper(), "application/cbor"),
    AWS_JSON_1_0(new ObjectMapper(), "application/x-amz-json-1.0");

    final ObjectMapper mapper;
    final String contentType;

    Protocol(ObjectMapper mapper, String contentType) {
      this.mapper = mapper;
      this.contentType = contentType;
    }
  }

  private final Clock clock;
  private final Supplier<CloudWatchError> armedFailure;
  private final Runnable onCall;
  private final Consumer<List<RecordedDatum>> recorder;
  private final Dashboards dashboards;

  /**
   * @param armedFailure the next injected failure, or {@code null}; asked once per call
   * @param onCall told of every PutMetricData call, before it is answered
   * @param recorder receives the datums of each accepted call
   */
  CloudWatchHandler(
      Clock clock,
      Supplier<CloudWatchError> armedFailure,
      Runnable onCall,
      Consumer<List<RecordedDatum>> recorder,
      Dashboards dashboards) {
    this.dashboards = dashboards;
    this.clock = clock;
    this.armedFailure = armedFailure;
    this.onCall = onCall;
    this.recorder = recorder;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    String target = request.getHeaders().get("X-Amz-Target");
    Protocol protocol;
    String operation;
    if (path != null && path.startsWith(RPC_PATH_PREFIX)) {
      protocol = Protocol.RPC_V2_CBOR;
      operation = path.substring(RPC_PATH_PREFIX.length());
    } else if ("/".equals(path) && target != null && target.startsWith(TARGET_PREFIX + ".")) {
      protocol = Protocol.AWS_JSON_1_0;
      operation = target.substring(TARGET_PREFIX.length() + 1);
    } else {
      send(
          response,
          callback,
          Protocol.AWS_JSON_1_0,
          CloudWatchError.of(
              404, "UnknownOperationException", "No CloudWatch operation at " + path + "."));
      return true;
    }
    try {
      JsonNode output = answer(request, protocol, operation);
      sendOk(response, callback, protocol, output);
    } catch (CloudWatchError.RequestRefused refused) {
      send(response, callback, protocol, refused.error());
    }
    return true;
  }

  /** The operation's output, {@code null} for none (an empty structure). */
  private JsonNode answer(Request request, Protocol protocol, String operation) throws IOException {
    if (!"POST".equals(request.getMethod())) {
      throw CloudWatchError.of(405, "UnknownOperationException", "Only POST is supported.")
          .toException();
    }
    if (protocol == Protocol.RPC_V2_CBOR
        && !"rpc-v2-cbor".equals(request.getHeaders().get("Smithy-Protocol"))) {
      throw CloudWatchError.of(
              400, "SerializationException", "Missing header Smithy-Protocol: rpc-v2-cbor.")
          .toException();
    }
    if (!PUT_METRIC_DATA.equals(operation) && !Dashboards.OPERATIONS.contains(operation)) {
      throw CloudWatchError.of(
              400,
              "UnknownOperationException",
              "The CloudWatch simulator does not serve " + operation + ".")
          .toException();
    }
    if (PUT_METRIC_DATA.equals(operation)) {
      onCall.run();
    }
    byte[] raw = Content.Source.asInputStream(request).readNBytes(MAX_REQUEST_BYTES + 1);
    if (raw.length > MAX_REQUEST_BYTES) {
      throw CloudWatchError.of(
              413,
              "RequestEntityTooLarge",
              "Request size exceeded " + MAX_REQUEST_BYTES + " bytes.")
          .toException();
    }
    byte[] body = decode(raw, request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
    CloudWatchError injected = PUT_METRIC_DATA.equals(operation) ? armedFailure.get() : null;
    if (injected != null) {
      throw injected.toException();
    }
    JsonNode input;
    try {
      input = body.length == 0 ? MissingNode.getInstance() : protocol.mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw CloudWatchError.of(
              400, "SerializationException", "The request body could not be decoded.")
          .toException();
    }
    if (PUT_METRIC_DATA.equals(operation)) {
      recorder.accept(PutMetricDataParser.parse(input, clock.instant()));
      return null;
    }
    return dashboards.call(operation, input);
  }

  /** Undoes {@code Content-Encoding: gzip} (the SDK compresses bodies over 10 KiB). */
  private static byte[] decode(byte[] raw, String contentEncoding) throws IOException {
    if (contentEncoding == null
        || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity")) {
      return raw;
    }
    if (!contentEncoding.trim().toLowerCase(Locale.ROOT).equals("gzip")) {
      throw CloudWatchError.invalidParameterValue(
              "Unsupported Content-Encoding " + contentEncoding + ".")
          .toException();
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      byte[] body = in.readNBytes(MAX_DECODED_BYTES + 1);
      if (body.length > MAX_DECODED_BYTES) {
        throw CloudWatchError.of(413, "RequestEntityTooLarge", "Decompressed request too large.")
            .toException();
      }
      return body;
    } catch (java.util.zip.ZipException e) {
      throw CloudWatchError.of(400, "SerializationException", "The gzip body is corrupt.")
          .toException();
    }
  }

  private static void sendOk(
      Response response, Callback callback, Protocol protocol, JsonNode output)
      throws JsonProcessingException {
    // PutMetricData has no output: an empty structure.
    byte[] body =
        output != null
            ? protocol.mapper.writeValueAsBytes(output)
            : protocol == Protocol.RPC_V2_CBOR
                ? new byte[] {(byte) 0xa0}
                : "{}".getBytes(StandardCharsets.UTF_8);
    write(response, callback, protocol, 200, body);
  }

  private static void send(
      Response response, Callback callback, Protocol protocol, CloudWatchError error) {
    byte[] body;
    try {
      body =
          protocol.mapper.writeValueAsBytes(
              protocol
                  .mapper
                  .createObjectNode()
                  .put("__type", error.type())
                  .put("message", error.message()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    response.getHeaders().put("x-amzn-query-error", error.queryErrorHeader());
    write(response, callback, protocol, error.status(), body);
  }

  private static void write(
      Response response, Callback callback, Protocol protocol, int status, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, protocol.contentType);
    if (protocol == Protocol.RPC_V2_CBOR) {
      response.getHeaders().put("Smithy-Protocol", "rpc-v2-cbor");
    }
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
