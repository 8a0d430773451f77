package io.costsentry.sidecar.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One YAML document of a manifest file, identified by kind and name, and the errors located in it.
 *
 * @param index 1-based position in the file
 * @param kind the document's kind, or {@code null} if it has none
 * @param name metadata.name, or {@code null} if it has none
 */
record ManifestDocument(String source, int index, String kind, String name, ObjectNode body) {

  String resource() {
    if (kind == null) {
      return null;
    }
    return name == null ? kind : kind + "/" + name;
  }

  ManifestError error(String field, String detail) {
    return new ManifestError(source, index, resource(), field, detail);
  }
}
