package io.costsentry.crds.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Values written as the API server (Go) writes them in error messages. */
final class GoText {
  private GoText() {}

  /** The JSON type of a value, as kube-openapi and the CEL errors name it. */
  static String jsonType(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "null";
    }
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return isIntegral(value) ? "integer" : "number";
  }

  /** A JSON number written without a fraction, as Go decodes it to an int64. */
  static boolean isIntegral(JsonNode value) {
    return value.isIntegralNumber();
  }

  /**
   * A bad value as {@code field.Error} prints it: strings quoted ({@code %q}), numbers and booleans
   * as they are ({@code %v}), anything else as JSON (Go prints its own syntax there).
   */
  static String value(JsonNode value) {
    if (value == null || value.isNull()) {
      return "\"null\"";
    }
    if (value.isTextual()) {
      return quote(value.asText());
    }
    if (value.isNumber()) {
      return value.isIntegralNumber()
          ? value.bigIntegerValue().toString()
          : number(value.decimalValue());
    }
    return value.toString();
  }

  /** Go's {@code %q} for the strings found in manifests. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }

  /**
   * A float64 as Go's {@code %v} writes it: the shortest digits, in exponent form when the decimal
   * exponent is below -4 or at least 6 ({@code strconv.FormatFloat(f, 'g', -1, 64)}). kube-openapi
   * writes schema bounds this way: 1e+09 for a maximum of 1000000000.
   */
  static String number(BigDecimal number) {
    BigDecimal n = number.stripTrailingZeros();
    if (n.signum() == 0) {
      return "0";
    }
    int exponent = n.precision() - n.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String digits = n.unscaledValue().abs().toString();
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String sign = n.signum() < 0 ? "-" : "";
      String expSign = exponent < 0 ? "-" : "+";
      int abs = Math.abs(exponent);
      return sign + mantissa + "e" + expSign + (abs < 10 ? "0" : "") + abs;
    }
    return n.toPlainString();
  }
}
