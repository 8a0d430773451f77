package io.costsentry.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * In front of the Fabric8 mock server's store: answers discovery, refuses CostSentry manifests the
 * API server (CRD schema and CEL rules) or the validating webhook would refuse, and prints tables
 * for {@code kubectl get}. Everything else is the store's.
 */
final class SandboxDispatcher extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a client may change with a patch of the object (status has its own subresource). */
  private static final String[] CHANGEABLE = {
    "/spec",
    "/metadata/labels",
    "/metadata/annotations",
    "/metadata/finalizers",
    "/metadata/ownerReferences"
  };

  private final KubernetesMixedDispatcher store;
  private final CrdCatalog crds;
  private final Discovery discovery;
  private final ManifestAdmission admission;

  SandboxDispatcher(KubernetesMixedDispatcher store, CrdCatalog crds, ManifestAdmission admission) {
    this.store = store;
    this.crds = crds;
    this.discovery = new Discovery(crds);
    this.admission = admission;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    String method = request.getMethod();
    if ("GET".equals(method)) {
      Optional<String> document = discovery.at(path);
      if (document.isPresent()) {
        return json(200, document.get());
      }
    }
    Optional<ApiPath> api = ApiPath.parse(path, crds);
    Optional<CrdCatalog.Crd> crd = api.flatMap(a -> crds.byPlural(a.plural()));
    if (api.isEmpty() || crd.isEmpty()) {
      return store.dispatch(request);
    }
    try {
      return switch (method) {
        case "GET" -> get(request, api.get(), crd.get());
        case "POST" ->
            api.get().collection() ? create(request, crd.get()) : store.dispatch(request);
        case "PUT" -> api.get().object() ? replace(request, crd.get()) : store.dispatch(request);
        case "PATCH" -> api.get().object() ? patch(request, crd.get()) : store.dispatch(request);
        default -> store.dispatch(request);
      };
    } catch (IOException | RuntimeException e) {
      return status(400, "BadRequest", "cannot read the request body: " + e.getMessage());
    }
  }

  private MockResponse get(RecordedRequest request, ApiPath api, CrdCatalog.Crd crd)
      throws IOException {
    MockResponse answer = store.dispatch(request);
    if (!PrinterColumns.wanted(request.getHeader("Accept"))
        || request.getPath().contains("watch=")
        || code(answer) != 200
        || api.subresource() != null) {
      return answer;
    }
    JsonNode body = JSON.readTree(answer.getBody().getBytes());
    return json(200, PrinterColumns.table(crd, body));
  }

  private MockResponse create(RecordedRequest request, CrdCatalog.Crd crd) throws IOException {
    ObjectNode manifest = (ObjectNode) JSON.readTree(request.getBody().getBytes());
    Optional<ManifestAdmission.Refusal> refused = admission.admit(crd, manifest, null);
    if (refused.isPresent()) {
      return refusal(refused.get(), crd, manifest);
    }
    return store.dispatch(withBody(request, manifest)); // stored with the schema's defaults
  }

  private MockResponse replace(RecordedRequest request, CrdCatalog.Crd crd) throws IOException {
    ObjectNode manifest = (ObjectNode) JSON.readTree(request.getBody().getBytes());
    ObjectNode previous = current(request).orElse(null);
    Optional<ManifestAdmission.Refusal> refused = admission.admit(crd, manifest, previous);
    if (refused.isPresent()) {
      return refusal(refused.get(), crd, manifest);
    }
    return store.dispatch(withBody(request, manifest));
  }

  /**
   * A patch is applied here with its real semantics, checked on its result as the API server checks
   * it, and stored as a JSON patch of the changed parts.
   */
  private MockResponse patch(RecordedRequest request, CrdCatalog.Crd crd) throws IOException {
    String type = String.valueOf(request.getHeader("Content-Type"));
    if (type.startsWith("application/apply-patch")) {
      return status(
          415,
          "UnsupportedMediaType",
          "the sandbox's API server does not support server-side apply: use kubectl apply"
              + " without --server-side");
    }
    Optional<ObjectNode> previous = current(request);
    if (previous.isEmpty()) {
      return store.dispatch(request); // the store answers 404
    }
    JsonNode patch = JSON.readTree(request.getBody().getBytes());
    JsonNode result =
        type.startsWith("application/json-patch")
            ? JsonPatch.apply(patch, previous.get())
            : mergePatch(previous.get().deepCopy(), patch);
    ObjectNode manifest = (ObjectNode) result;
    Optional<ManifestAdmission.Refusal> refused = admission.admit(crd, manifest, previous.get());
    if (refused.isPresent()) {
      return refusal(refused.get(), crd, manifest);
    }
    String path = request.getPath();
    int query = path.indexOf('?');
    return store.dispatch(
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.PATCH,
            query < 0 ? path : path.substring(0, query),
            new Headers.Builder().add("Content-Type", "application/json-patch+json").build(),
            new Buffer(
                replacing(previous.get(), manifest).toString().getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * A JSON patch that makes the stored object's spec and changeable metadata those of {@code
   * result}: the mock store's own merge patch appends to lists instead of replacing them, its JSON
   * patch does not.
   */
  static JsonNode replacing(JsonNode stored, JsonNode result) {
    var ops = JSON.createArrayNode();
    for (String pointer : CHANGEABLE) {
      JsonNode before = stored.at(pointer);
      JsonNode after = result.at(pointer);
      if (after.isMissingNode() || after.isNull()) {
        if (!before.isMissingNode()) {
          ops.addObject().put("op", "remove").put("path", pointer);
        }
      } else if (!after.equals(before)) {
        ops.addObject().put("op", "add").put("path", pointer).set("value", after);
      }
    }
    return ops;
  }

  /** RFC 7386 JSON merge patch (custom resources take no strategic merge patch). */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? (ObjectNode) target : JSON.createObjectNode();
    patch
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                result.remove(e.getKey());
              } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
              }
            });
    return result;
  }

  private Optional<ObjectNode> current(RecordedRequest request) throws IOException {
    String path = request.getPath();
    int query = path.indexOf('?');
    RecordedRequest get =
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.GET,
            query < 0 ? path : path.substring(0, query),
            new Headers.Builder().build(),
            new Buffer());
    MockResponse answer = store.dispatch(get);
    return code(answer) == 200
        ? Optional.of((ObjectNode) JSON.readTree(answer.getBody().getBytes()))
        : Optional.empty();
  }

  private static RecordedRequest withBody(RecordedRequest request, JsonNode body) {
    return new RecordedRequest(
        "HTTP/1.1",
        request.method(),
        request.getPath(),
        request.getHeaders(),
        new Buffer(body.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static MockResponse refusal(
      ManifestAdmission.Refusal refusal, CrdCatalog.Crd crd, JsonNode manifest) {
    ObjectNode status = statusObject(refusal.code(), refusal.reason(), refusal.message());
    ObjectNode details =
        status
            .putObject("details")
            .put("name", manifest.path("metadata").path("name").asText())
            .put("group", crd.group())
            .put("kind", crd.kind());
    var causes = details.putArray("causes");
    for (String error : refusal.fieldErrors()) {
      int colon = error.indexOf(": ");
      causes
          .addObject()
          .put("reason", "FieldValueInvalid")
          .put("message", colon < 0 ? error : error.substring(colon + 2))
          .put("field", colon < 0 ? "" : error.substring(0, colon));
    }
    return json(refusal.code(), status.toString());
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(code, statusObject(code, reason, message).toString());
  }

  private static ObjectNode statusObject(int code, String reason, String message) {
    ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status
        .put("status", "Failure")
        .put("message", message)
        .put("reason", reason)
        .put("code", code);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  /** {@code HTTP/1.1 200 OK} → 200. */
  private static int code(MockResponse response) {
    String[] parts = response.getStatus().split(" ");
    return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}
