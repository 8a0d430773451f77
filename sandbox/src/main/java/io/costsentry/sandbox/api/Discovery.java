package io.costsentry.sandbox.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * The discovery documents {@code kubectl} reads before anything else ({@code /api}, {@code /apis},
 * the resource lists, {@code /version}, a minimal OpenAPI): the mock API server stores resources
 * but does not describe them. Only what the sandbox serves is listed.
 */
final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] VERBS = {
    "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"
  };

  private final Map<String, String> documents;

  Discovery(CrdCatalog crds) {
    String groupVersion = crds.group() + "/" + crds.version();
    documents =
        Map.ofEntries(
            Map.entry("/api", apiVersions()),
            Map.entry("/apis", groups(crds, groupVersion)),
            Map.entry("/api/v1", coreResources()),
            Map.entry("/apis/" + groupVersion, customResources(crds, groupVersion)),
            Map.entry("/apis/" + crds.group(), group(crds, groupVersion).toString()),
            Map.entry("/apis/apiextensions.k8s.io/v1", apiExtensionsResources()),
            Map.entry(
                "/version",
                "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0-costsentry-local\","
                    + "\"platform\":\"linux/amd64\"}"),
            Map.entry("/openapi/v3", OpenApi.root(crds)),
            Map.entry("/openapi/v3/apis/" + groupVersion, OpenApi.groupVersion(crds)));
  }

  /** The document at {@code path} (query ignored), if it is a discovery path. */
  Optional<String> at(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    if (bare.length() > 1 && bare.endsWith("/")) {
      bare = bare.substring(0, bare.length() - 1);
    }
    return Optional.ofNullable(documents.get(bare));
  }

  private static String apiVersions() {
    ObjectNode root = JSON.createObjectNode().put("kind", "APIVersions");
    root.putArray("versions").add("v1");
    root.putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", "127.0.0.1");
    return root.toString();
  }

  private static String groups(CrdCatalog crds, String groupVersion) {
    ObjectNode root = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = root.putArray("groups");
    groups.add(group(crds, groupVersion));
    ObjectNode ext = groups.addObject().put("name", "apiextensions.k8s.io");
    ext.putArray("versions")
        .addObject()
        .put("groupVersion", "apiextensions.k8s.io/v1")
        .put("version", "v1");
    ext.putObject("preferredVersion")
        .put("groupVersion", "apiextensions.k8s.io/v1")
        .put("version", "v1");
    return root.toString();
  }

  private static ObjectNode group(CrdCatalog crds, String groupVersion) {
    ObjectNode g = JSON.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1");
    g.put("name", crds.group());
    g.putArray("versions")
        .addObject()
        .put("groupVersion", groupVersion)
        .put("version", crds.version());
    g.putObject("preferredVersion")
        .put("groupVersion", groupVersion)
        .put("version", crds.version());
    return g;
  }

  private static String customResources(CrdCatalog crds, String groupVersion) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("kind", "APIResourceList")
            .put("apiVersion", "v1")
            .put("groupVersion", groupVersion);
    ArrayNode resources = root.putArray("resources");
    for (CrdCatalog.Crd crd : crds.all()) {
      ObjectNode r = resource(resources, crd.plural(), crd.singular(), crd.kind(), false);
      ArrayNode shortNames = r.putArray("shortNames");
      crd.shortNames().forEach(shortNames::add);
      r.putArray("categories").add("costsentry");
      resources
          .addObject()
          .put("name", crd.plural() + "/status")
          .put("singularName", "")
          .put("namespaced", false)
          .put("kind", crd.kind())
          .putArray("verbs")
          .add("get")
          .add("patch")
          .add("update");
    }
    return root.toString();
  }

  private static String coreResources() {
    ObjectNode root =
        JSON.createObjectNode().put("kind", "APIResourceList").put("groupVersion", "v1");
    ArrayNode resources = root.putArray("resources");
    resource(resources, "namespaces", "namespace", "Namespace", false)
        .putArray("shortNames")
        .add("ns");
    resource(resources, "events", "event", "Event", true).putArray("shortNames").add("ev");
    resource(resources, "pods", "pod", "Pod", true).putArray("shortNames").add("po");
    resource(resources, "secrets", "secret", "Secret", true);
    resource(resources, "configmaps", "configmap", "ConfigMap", true)
        .putArray("shortNames")
        .add("cm");
    return root.toString();
  }

  private static String apiExtensionsResources() {
    ObjectNode root =
        JSON.createObjectNode()
            .put("kind", "APIResourceList")
            .put("groupVersion", "apiextensions.k8s.io/v1");
    resource(
            root.putArray("resources"),
            "customresourcedefinitions",
            "customresourcedefinition",
            "CustomResourceDefinition",
            false)
        .putArray("shortNames")
        .add("crd")
        .add("crds");
    return root.toString();
  }

  private static ObjectNode resource(
      ArrayNode resources, String plural, String singular, String kind, boolean namespaced) {
    ObjectNode r =
        resources
            .addObject()
            .put("name", plural)
            .put("singularName", singular)
            .put("namespaced", namespaced)
            .put("kind", kind);
    ArrayNode verbs = r.putArray("verbs");
    for (String v : VERBS) {
      verbs.add(v);
    }
    return r;
  }
}
