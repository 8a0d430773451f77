package io.costsentry.sandbox.api;

import java.util.Optional;

/**
 * A request path of the CostSentry group: {@code /apis/costsentry.io/v1alpha1/<plural>[/<name>
 * [/<subresource>]]}, query removed.
 */
record ApiPath(String plural, String name, String subresource) {
  static Optional<ApiPath> parse(String pathAndQuery, CrdCatalog crds) {
    int query = pathAndQuery.indexOf('?');
    String path = query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    String prefix = "/apis/" + crds.group() + "/" + crds.version() + "/";
    if (!path.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = path.substring(prefix.length()).split("/");
    if (parts.length == 0 || parts[0].isEmpty() || parts.length > 3) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiPath(
            parts[0], parts.length > 1 ? parts[1] : null, parts.length > 2 ? parts[2] : null));
  }

  /** The object itself, not a collection or a subresource. */
  boolean object() {
    return name != null && subresource == null;
  }

  boolean collection() {
    return name == null;
  }
}
