package io.costsentry.simulator.bedrock.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.bedrock.codec.Json;
import io.costsentry.simulator.bedrock.controlplane.FoundationModels.FoundationModel;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.BedrockException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves the Bedrock control-plane operations in restJson1 (aws-wire.md §4 and §1.10), routing on
 * the raw path so that ARNs, which arrive percent-encoded, are decoded only after splitting.
 * Blocking: Jetty runs it on a pool thread.
 */
final class ControlPlaneHandler extends Handler.Abstract {
  static final String CREATE_INFERENCE_PROFILE = "CreateInferenceProfile";
  static final String GET_INFERENCE_PROFILE = "GetInferenceProfile";
  static final String LIST_INFERENCE_PROFILES = "ListInferenceProfiles";
  static final String DELETE_INFERENCE_PROFILE = "DeleteInferenceProfile";
  static final String TAG_RESOURCE = "TagResource";
  static final String UNTAG_RESOURCE = "UntagResource";
  static final String LIST_TAGS_FOR_RESOURCE = "ListTagsForResource";
  static final String GET_FOUNDATION_MODEL = "GetFoundationModel";
  static final String LIST_FOUNDATION_MODELS = "ListFoundationModels";

  private static final int MAX_REQUEST_BYTES = 1024 * 1024;
  private static final int MAX_RESULTS = 1000;
  private static final Pattern CLIENT_REQUEST_TOKEN =
      Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");

  /** An operation and its path parameter ({@code null} when it has none), decoded. */
  private record Route(String operation, String identifier) {}

  /** A success answer: status and body ({@code null}: none). */
  private record Answer(int status, JsonNode body) {}

  private final ControlPlaneState state;
  private final FoundationModels catalog;
  private final ControlPlaneFaults faults;
  private final Consumer<String> onCall;

  /**
   * @param onCall told the operation name of every routed call, before faults are applied
   */
  ControlPlaneHandler(
      ControlPlaneState state,
      FoundationModels catalog,
      ControlPlaneFaults faults,
      Consumer<String> onCall) {
    this.state = state;
    this.catalog = catalog;
    this.faults = faults;
    this.onCall = onCall;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    try {
      Route route = route(request.getMethod(), request.getHttpURI().getPath());
      onCall.accept(route.operation());
      BedrockError injected = faults.take(route.operation()).orElse(null);
      if (injected != null) {
        throw injected.toException();
      }
      byte[] body = Content.Source.asInputStream(request).readNBytes(MAX_REQUEST_BYTES + 1);
      if (body.length > MAX_REQUEST_BYTES) {
        throw BedrockError.validation("The request body is too large.").toException();
      }
      Answer answer = answer(route, request, body);
      write(response, callback, answer.status(), Map.of(), answer.body());
    } catch (BedrockException e) {
      BedrockError error = e.error();
      write(
          response,
          callback,
          error.status(),
          Map.of("X-Amzn-ErrorType", error.errorTypeHeader()),
          Json.object().put("message", error.message()));
    }
    return true;
  }

  private Answer answer(Route route, Request request, byte[] body) {
    return switch (route.operation()) {
      case CREATE_INFERENCE_PROFILE -> create(object(body));
      case GET_INFERENCE_PROFILE -> new Answer(200, summary(getProfile(route.identifier())));
      case LIST_INFERENCE_PROFILES ->
          new Answer(200, list(Request.extractQueryParameters(request)));
      case DELETE_INFERENCE_PROFILE -> delete(route.identifier());
      case TAG_RESOURCE -> tag(object(body));
      case UNTAG_RESOURCE -> untag(object(body));
      case LIST_TAGS_FOR_RESOURCE -> listTags(object(body));
      case GET_FOUNDATION_MODEL -> new Answer(200, foundationModel(route.identifier()));
      case LIST_FOUNDATION_MODELS -> new Answer(200, foundationModels());
      default -> throw BedrockError.unknownOperation().toException();
    };
  }

  private Answer create(ObjectNode input) {
    String name = text(input, "inferenceProfileName");
    Validation.pattern(name, Validation.PROFILE_NAME, 1, 64, "inferenceProfileName");
    String description = text(input, "description");
    if (description != null) {
      Validation.pattern(description, Validation.DESCRIPTION, 1, 200, "description");
    }
    String token = text(input, "clientRequestToken");
    if (token != null) {
      Validation.pattern(token, CLIENT_REQUEST_TOKEN, 1, 256, "clientRequestToken");
    }
    JsonNode source = input.get("modelSource");
    Validation.require(source == null || source.isNull() ? null : source, "modelSource");
    if (!source.isObject() || source.size() != 1 || !source.has("copyFrom")) {
      throw BedrockError.validation("modelSource must have exactly one member, copyFrom.")
          .toException();
    }
    String copyFrom = text((ObjectNode) source, "copyFrom");
    Validation.pattern(copyFrom, Validation.COPY_FROM, 1, 2048, "modelSource.copyFrom");
    Map<String, String> tags = tags(input.get("tags"), "tags");
    ApplicationProfile profile = state.create(name, description, token, copyFrom, tags);
    return new Answer(
        201, Json.object().put("inferenceProfileArn", profile.arn()).put("status", "ACTIVE"));
  }

  private ProfileSummary getProfile(String identifier) {
    validateProfileIdentifier(identifier);
    return state.get(identifier).orElseThrow(() -> ControlPlaneState.profileNotFound(identifier));
  }

  private JsonNode list(Fields query) {
    String type = query.getValue("type");
    if (type == null) {
      type = ProfileSummary.SYSTEM_DEFINED;
    } else if (!type.equals(ProfileSummary.SYSTEM_DEFINED)
        && !type.equals(ProfileSummary.APPLICATION)) {
      throw Validation.error(
          "Value '"
              + type
              + "' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value"
              + " set: [SYSTEM_DEFINED, APPLICATION]");
    }
    int maxResults = maxResults(query.getValue("maxResults"));
    String after = decodeToken(query.getValue("nextToken"), type);
    ControlPlaneState.Page found = state.page(type, after, maxResults);
    ArrayNode page = Json.MAPPER.createArrayNode();
    found.items().forEach(p -> page.add(summary(p)));
    String next = found.nextKey() == null ? null : encodeToken(type, found.nextKey());
    ObjectNode out = Json.object();
    out.set("inferenceProfileSummaries", page);
    if (next != null) {
      out.put("nextToken", next);
    }
    return out;
  }

  private Answer delete(String identifier) {
    validateProfileIdentifier(identifier);
    state.delete(identifier);
    return new Answer(200, null);
  }

  private Answer tag(ObjectNode input) {
    String arn = resourceArn(input);
    JsonNode tags = input.get("tags");
    Validation.require(tags == null || tags.isNull() ? null : tags, "tags");
    state.tag(arn, tags(tags, "tags"));
    return new Answer(200, Json.object());
  }

  private Answer untag(ObjectNode input) {
    String arn = resourceArn(input);
    JsonNode keys = input.get("tagKeys");
    Validation.require(keys == null || keys.isNull() ? null : keys, "tagKeys");
    if (!keys.isArray() || keys.size() > Validation.MAX_TAGS_PER_REQUEST) {
      throw BedrockError.validation("tagKeys must be a list of at most 200 keys.").toException();
    }
    List<String> names = new ArrayList<>();
    for (JsonNode key : keys) {
      if (!key.isTextual()) {
        throw BedrockError.validation("tagKeys must hold strings.").toException();
      }
      Validation.pattern(key.asText(), Validation.TAG, 1, 128, "tagKeys.member");
      names.add(key.asText());
    }
    state.untag(arn, names);
    return new Answer(200, Json.object());
  }

  private Answer listTags(ObjectNode input) {
    Map<String, String> tags = state.tags(resourceArn(input));
    ArrayNode list = Json.MAPPER.createArrayNode();
    tags.forEach((key, value) -> list.addObject().put("key", key).put("value", value));
    ObjectNode out = Json.object();
    out.set("tags", list);
    return new Answer(200, out);
  }

  private JsonNode foundationModel(String identifier) {
    Validation.pattern(identifier, Validation.MODEL_IDENTIFIER, 1, 2048, "modelIdentifier");
    FoundationModel model =
        catalog
            .model(identifier)
            .orElseThrow(() -> BedrockError.invalidModelIdentifier().toException());
    ObjectNode out = Json.object();
    out.set("modelDetails", details(model));
    return out;
  }

  private JsonNode foundationModels() {
    ArrayNode list = Json.MAPPER.createArrayNode();
    catalog.models().forEach(m -> list.add(details(m)));
    ObjectNode out = Json.object();
    out.set("modelSummaries", list);
    return out;
  }

  private ObjectNode details(FoundationModel model) {
    ObjectNode node =
        Json.object()
            .put("modelArn", catalog.arn(model))
            .put("modelId", model.id())
            .put("modelName", model.name())
            .put("providerName", model.provider());
    model.inputModalities().forEach(node.putArray("inputModalities")::add);
    model.outputModalities().forEach(node.putArray("outputModalities")::add);
    node.put("responseStreamingSupported", true);
    node.putArray("customizationsSupported");
    model.inferenceTypes().forEach(node.putArray("inferenceTypesSupported")::add);
    node.putObject("modelLifecycle").put("status", "ACTIVE");
    return node;
  }

  private static ObjectNode summary(ProfileSummary p) {
    ObjectNode node = Json.object().put("inferenceProfileName", p.name());
    if (p.description() != null) {
      node.put("description", p.description());
    }
    node.put("createdAt", iso(p.createdAt()))
        .put("updatedAt", iso(p.updatedAt()))
        .put("inferenceProfileArn", p.arn());
    ArrayNode models = node.putArray("models");
    p.models().forEach(arn -> models.addObject().put("modelArn", arn));
    node.put("inferenceProfileId", p.id()).put("status", "ACTIVE").put("type", p.type());
    return node;
  }

  private static String iso(Instant instant) {
    return instant.toString();
  }

  private static void validateProfileIdentifier(String identifier) {
    Validation.pattern(
        identifier, Validation.PROFILE_IDENTIFIER, 1, 2048, "inferenceProfileIdentifier");
  }

  private static String resourceArn(ObjectNode input) {
    String arn = text(input, "resourceARN");
    Validation.pattern(arn, Validation.RESOURCE_ARN, 20, 1011, "resourceARN");
    return arn;
  }

  private static int maxResults(String value) {
    if (value == null) {
      return MAX_RESULTS;
    }
    int max;
    try {
      max = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw BedrockError.validation("maxResults must be an integer.").toException();
    }
    if (max < 1 || max > MAX_RESULTS) {
      throw Validation.error(
          "Value '"
              + max
              + "' at 'maxResults' failed to satisfy constraint: Member must have value between 1"
              + " and "
              + MAX_RESULTS);
    }
    return max;
  }

  private static String encodeToken(String type, String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((type + "|" + key).getBytes(StandardCharsets.UTF_8));
  }

  /** The sort key a page starts at, or {@code null} for the first page. */
  private static String decodeToken(String token, String type) {
    if (token == null) {
      return null;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith(type + "|")) {
        return decoded.substring(type.length() + 1);
      }
    } catch (IllegalArgumentException e) {
      // falls through to Bedrock's refusal
    }
    throw BedrockError.validation("The provided pagination token is invalid.").toException();
  }

  private static Map<String, String> tags(JsonNode node, String member) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return tags;
    }
    if (!node.isArray()) {
      throw BedrockError.validation(member + " must be a list of {key, value}.").toException();
    }
    for (JsonNode tag : node) {
      if (!tag.isObject()) {
        throw BedrockError.validation(member + " must be a list of {key, value}.").toException();
      }
      String key = text((ObjectNode) tag, "key");
      String value = text((ObjectNode) tag, "value");
      Validation.require(key, member + ".member.key");
      Validation.require(value, member + ".member.value");
      tags.put(key, value);
    }
    Validation.tags(tags, member);
    return tags;
  }

  private static String text(ObjectNode node, String member) {
    JsonNode value = node.get(member);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw BedrockError.validation(member + " must be a string.").toException();
    }
    return value.asText();
  }

  private static ObjectNode object(byte[] body) {
    if (body.length == 0) {
      return Json.object();
    }
    return Json.parseObject(
        body, () -> BedrockError.of(400, "SerializationException", "Malformed request body."));
  }

  /**
   * Routes on the raw path: literal {@code /} split first, then each path parameter decoded.
   *
   * @throws BedrockException 404 UnknownOperationException or 405
   */
  static Route route(String method, String rawPath) {
    String[] segments = rawPath == null ? new String[0] : rawPath.split("/", -1);
    if (segments.length < 2 || !segments[0].isEmpty()) {
      throw BedrockError.unknownOperation().toException();
    }
    String resource = segments[1];
    if (segments.length == 2) {
      return switch (resource) {
        case "inference-profiles" ->
            new Route(
                methodOf(
                    method,
                    Map.of("POST", CREATE_INFERENCE_PROFILE, "GET", LIST_INFERENCE_PROFILES)),
                null);
        case "foundation-models" ->
            new Route(methodOf(method, Map.of("GET", LIST_FOUNDATION_MODELS)), null);
        case "tagResource" -> new Route(methodOf(method, Map.of("POST", TAG_RESOURCE)), null);
        case "untagResource" -> new Route(methodOf(method, Map.of("POST", UNTAG_RESOURCE)), null);
        case "listTagsForResource" ->
            new Route(methodOf(method, Map.of("POST", LIST_TAGS_FOR_RESOURCE)), null);
        default -> throw BedrockError.unknownOperation().toException();
      };
    }
    if (segments.length == 3 && !segments[2].isEmpty()) {
      String identifier = decode(segments[2]);
      return switch (resource) {
        case "inference-profiles" ->
            new Route(
                methodOf(
                    method,
                    Map.of("GET", GET_INFERENCE_PROFILE, "DELETE", DELETE_INFERENCE_PROFILE)),
                identifier);
        case "foundation-models" ->
            new Route(methodOf(method, Map.of("GET", GET_FOUNDATION_MODEL)), identifier);
        default -> throw BedrockError.unknownOperation().toException();
      };
    }
    throw BedrockError.unknownOperation().toException();
  }

  private static String methodOf(String method, Map<String, String> operations) {
    String operation = operations.get(method);
    if (operation == null) {
      throw BedrockError.methodNotAllowed(method).toException();
    }
    return operation;
  }

  private static String decode(String segment) {
    try {
      // URLDecoder would turn '+' into a space; in a path '+' is literal.
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw BedrockError.validation("The path parameter is not correctly encoded.").toException();
    }
  }

  private static void write(
      Response response,
      Callback callback,
      int status,
      Map<String, String> headers,
      JsonNode body) {
    byte[] bytes = body == null ? new byte[0] : Json.bytes(body);
    response.setStatus(status);
    if (body != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    }
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    headers.forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
