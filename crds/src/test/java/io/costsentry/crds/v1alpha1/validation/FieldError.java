package io.costsentry.crds.v1alpha1.validation;

import java.util.Set;

/**
 * One error as the API server reports it: {@code <field>: <detail>}, e.g. {@code
 * spec.limits[0].period: Unsupported value: "Week": supported values: "Day", "Hour", "Minute",
 * "Month"}. The type is the API server's {@code field.ErrorType}, which decides whether the CEL
 * rules still run (see {@link #blocksCelRules()}).
 *
 * @param field the field path ({@code spec.limits[0].name}), or {@code <nil>} for the object
 * @param detail the message after the path, starting with the type's words ("Invalid value: ...")
 */
public record FieldError(Type type, String field, String detail) {

  /** The API server's field error types, and what strict field validation adds. */
  public enum Type {
    REQUIRED,
    NOT_SUPPORTED,
    INVALID,
    TYPE_INVALID,
    TOO_LONG,
    TOO_MANY,
    DUPLICATE,
    FORBIDDEN,
    /**
     * Strict field validation ({@code kubectl apply}'s default) refuses fields not in the schema.
     */
    UNKNOWN_FIELD
  }

  /** What apiextensions-apiserver's {@code hasBlockingErr} counts: CEL is then skipped. */
  private static final Set<Type> BLOCKING =
      Set.of(Type.NOT_SUPPORTED, Type.REQUIRED, Type.TOO_LONG, Type.TOO_MANY, Type.TYPE_INVALID);

  /** Whether the API server skips every CEL rule of the object because of this error. */
  public boolean blocksCelRules() {
    return BLOCKING.contains(type);
  }

  @Override
  public String toString() {
    return field + ": " + detail;
  }
}
