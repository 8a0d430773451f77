package io.costsentry.sidecar.server;

import io.costsentry.sidecar.proxy.BedrockError;
import io.costsentry.sidecar.proxy.BedrockErrorException;
import io.costsentry.sidecar.proxy.BedrockPath;
import io.costsentry.sidecar.proxy.BedrockRuntimeProxy;
import io.costsentry.sidecar.proxy.CallerIdentity;
import io.costsentry.sidecar.proxy.ErrorStyle;
import io.costsentry.sidecar.proxy.ErrorType;
import io.costsentry.sidecar.proxy.RequestTrace;
import io.costsentry.sidecar.simple.SimpleInvokeApi;
import io.costsentry.sidecar.telemetry.MetricsSink;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the proxy port: {@code /model/...} to the Bedrock Runtime API, {@code /v1/invoke} to the
 * simple API. Every request, refused or served, ends as one outcome for metrics and audit.
 */
final class ProxyHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(ProxyHandler.class);
  static final String SIMPLE_INVOKE_PATH = "/v1/invoke";

  private final BedrockRuntimeProxy runtime;
  private final SimpleInvokeApi simple;
  private final CallerIdentity identity;
  private final long maxRequestBytes;
  private final MetricsSink sink;

  ProxyHandler(
      BedrockRuntimeProxy runtime,
      SimpleInvokeApi simple,
      CallerIdentity identity,
      long maxRequestBytes,
      MetricsSink sink) {
    super(InvocationType.BLOCKING);
    this.runtime = runtime;
    this.simple = simple;
    this.identity = identity;
    this.maxRequestBytes = maxRequestBytes;
    this.sink = sink;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    boolean simpleRoute = SIMPLE_INVOKE_PATH.equals(path);
    ErrorStyle errors = simpleRoute ? simple.errorStyle() : ErrorStyle.BEDROCK;
    JettyDownstream down = new JettyDownstream(response, callback);
    RequestTrace trace = new RequestTrace(identity);
    try {
      if (!"POST".equals(request.getMethod())) {
        throw new BedrockErrorException(
            BedrockError.of(
                ErrorType.UNKNOWN_OPERATION,
                request.getMethod() + " " + path + " is not served; Bedrock operations are POST"));
      }
      if (simpleRoute) {
        trace.api("SimpleInvoke");
        simple.handle(trace, RequestBodies.read(request, maxRequestBytes), down);
      } else {
        BedrockPath parsed = BedrockPath.parse(path);
        trace.api(parsed.operation().apiName());
        runtime.handle(
            trace, parsed, headers(request), RequestBodies.read(request, maxRequestBytes), down);
      }
    } catch (BedrockErrorException e) {
      fail(trace, down, errors, e.error());
    } catch (Exception e) {
      log.error("request {} failed inside the proxy", trace.requestId(), e);
      fail(
          trace,
          down,
          errors,
          BedrockError.of(
              ErrorType.INTERNAL_SERVER,
              "CostSentry failed to process the request " + trace.requestId()));
    } finally {
      sink.record(trace.toOutcome());
    }
    down.complete();
    return true;
  }

  private static void fail(
      RequestTrace trace, JettyDownstream down, ErrorStyle errors, BedrockError error) {
    trace.status(error.type().status());
    trace.error(error.type().shape());
    if (down.committed()) {
      down.abort(new IllegalStateException(error.message()));
      return;
    }
    try {
      errors.write(down, error, trace.requestId());
    } catch (java.io.IOException e) {
      trace.clientDisconnected();
    }
  }

  private static Map<String, String> headers(Request request) {
    Map<String, String> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.put(field.getLowerCaseName(), field.getValue());
    }
    return headers;
  }
}
