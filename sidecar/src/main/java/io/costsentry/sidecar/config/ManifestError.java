package io.costsentry.sidecar.config;

/**
 * One problem in a manifest file, located as the API server would locate it.
 *
 * @param source the file, as named to the loader
 * @param document 1-based position of the YAML document in the file (empty documents count), or 0
 *     for a problem of the whole file
 * @param resource {@code Kind/name} of the document, {@code Kind} while its name is unknown, or
 *     {@code null}
 * @param field the field path ({@code spec.limits[1].period}), or {@code null}
 * @param detail what is wrong, worded like the API server's message
 */
public record ManifestError(
    String source, int document, String resource, String field, String detail) {

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(source);
    if (document > 0) {
      text.append(": document ").append(document);
    }
    if (resource != null) {
      text.append(" (").append(resource).append(')');
    }
    text.append(": ");
    if (field != null) {
      text.append(field).append(": ");
    }
    return text.append(detail).toString();
  }
}
