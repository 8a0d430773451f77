package io.costsentry.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents {@code kubectl apply} reads before sending anything: it validates on the
 * server when the server's document says its operations take {@code fieldValidation}, as a real API
 * server's do, and then the sandbox's admission checks the manifest. The CRD schemas are included,
 * so {@code kubectl explain ccb.spec} works too.
 */
final class OpenApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApi() {}

  /** {@code /openapi/v3}: where each group-version's document is. */
  static String root(CrdCatalog crds) {
    ObjectNode root = JSON.createObjectNode();
    String gv = "apis/" + crds.group() + "/" + crds.version();
    root.putObject("paths").putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv);
    return root.toString();
  }

  /** {@code /openapi/v3/apis/<group>/<version>}. */
  static String groupVersion(CrdCatalog crds) {
    ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
    doc.putObject("info").put("title", "CostSentry sandbox").put("version", "v1.31.0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    for (CrdCatalog.Crd crd : crds.all()) {
      String base = "/apis/" + crd.group() + "/" + crd.version() + "/" + crd.plural();
      String schemaName = "io.costsentry." + crd.version() + "." + crd.kind();
      ObjectNode collection = paths.putObject(base);
      operation(collection, "get", crd, "list", schemaName);
      operation(collection, "post", crd, "post", schemaName);
      ObjectNode object = paths.putObject(base + "/{name}");
      operation(object, "get", crd, "get", schemaName);
      operation(object, "put", crd, "put", schemaName);
      operation(object, "patch", crd, "patch", schemaName);
      operation(object, "delete", crd, "delete", schemaName);
      JsonNode crdSchema =
          crd.definition()
              .path("spec")
              .path("versions")
              .path(0)
              .path("schema")
              .path("openAPIV3Schema");
      ObjectNode schema = crdSchema.deepCopy();
      schema
          .putArray("x-kubernetes-group-version-kind")
          .addObject()
          .put("group", crd.group())
          .put("kind", crd.kind())
          .put("version", crd.version());
      schemas.set(schemaName, schema);
    }
    return doc.toString();
  }

  private static void operation(
      ObjectNode path, String method, CrdCatalog.Crd crd, String action, String schemaName) {
    ObjectNode op = path.putObject(method);
    op.put("operationId", method + crd.kind());
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind")
        .put("group", crd.group())
        .put("version", crd.version())
        .put("kind", crd.kind());
    ArrayNode params = op.putArray("parameters");
    if (!"get".equals(method) && !"delete".equals(method)) {
      // What tells kubectl the server validates (and rejects unknown fields) itself.
      params
          .addObject()
          .put("name", "fieldValidation")
          .put("in", "query")
          .put("description", "Strict, Warn or Ignore")
          .putObject("schema")
          .put("type", "string")
          .put("uniqueItems", true);
      params
          .addObject()
          .put("name", "fieldManager")
          .put("in", "query")
          .putObject("schema")
          .put("type", "string");
    }
    op.putObject("responses")
        .putObject("200")
        .put("description", "OK")
        .putObject("content")
        .putObject("application/json")
        .putObject("schema")
        .put("$ref", "#/components/schemas/" + schemaName);
  }
}
