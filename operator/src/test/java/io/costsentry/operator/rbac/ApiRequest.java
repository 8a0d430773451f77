package io.costsentry.operator.rbac;

import java.net.URI;
import java.util.Locale;

/**
 * A Kubernetes API request as RBAC sees it: verb, API group, resource (with subresource), namespace
 * and name, derived from its HTTP method and path the way the API server's request-info resolver
 * does.
 *
 * @param apiGroup {@code ""} for the core group
 * @param resource e.g. {@code costcenterbudgets} or {@code costcenterbudgets/status}
 * @param namespace {@code null} for cluster-scoped resources
 * @param name {@code null} for collections
 */
public record ApiRequest(
    String verb, String apiGroup, String resource, String namespace, String name) {

  /**
   * @return the request, or {@code null} for non-resource URLs ({@code /version}, discovery)
   */
  public static ApiRequest of(String method, String pathAndQuery) {
    URI uri = URI.create(pathAndQuery);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String[] parts = uri.getPath().replaceAll("^/+|/+$", "").split("/");
    int i;
    String group;
    if (parts.length >= 3 && parts[0].equals("api")) {
      group = "";
      i = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      group = parts[1];
      i = 3;
    } else {
      return null;
    }
    String namespace = null;
    if (parts.length > i + 1 && parts[i].equals("namespaces") && parts.length > i + 2) {
      namespace = parts[i + 1];
      i += 2;
    }
    String resource = parts[i];
    String name = parts.length > i + 1 ? parts[i + 1] : null;
    if (parts.length > i + 2) {
      resource = resource + "/" + parts[i + 2];
    }
    return new ApiRequest(verb(method, name, query), group, resource, namespace, name);
  }

  private static String verb(String method, String name, String query) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" ->
          query.contains("watch=true") || query.contains("watch=1")
              ? "watch"
              : name == null ? "list" : "get";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> name == null ? "deletecollection" : "delete";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }
}
