package io.costsentry.sidecar.config;

import java.util.List;

/**
 * A manifest file that cannot be enforced, with every problem found in it: fixing one error at a
 * time is tedious, so the loader reports them all.
 */
public final class InvalidManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ManifestError> errors;

  public InvalidManifestException(String source, List<ManifestError> errors) {
    super(describe(source, errors));
    this.errors = List.copyOf(errors);
  }

  /** The problems, in file order. */
  public List<ManifestError> errors() {
    return errors;
  }

  private static String describe(String source, List<ManifestError> errors) {
    StringBuilder text =
        new StringBuilder(source)
            .append(" is invalid (")
            .append(errors.size())
            .append(errors.size() == 1 ? " error):" : " errors):");
    errors.forEach(e -> text.append("\n  ").append(e));
    return text.toString();
  }
}
