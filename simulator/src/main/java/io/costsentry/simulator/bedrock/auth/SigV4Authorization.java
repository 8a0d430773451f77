package io.costsentry.simulator.bedrock.auth;

import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/bedrock/
 * aws4_request, SignedHeaders=host;x-amz-date, Signature=...} header.
 */
record SigV4Authorization(
    String accessKeyId,
    String scopeDate,
    String region,
    String service,
    List<String> signedHeaders,
    String signature) {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /**
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException IncompleteSignatureException when
   *     a part is missing or malformed
   */
  static SigV4Authorization parse(String header) {
    String parameters = header.substring(ALGORITHM.length()).trim();
    Map<String, String> values = new HashMap<>();
    for (String part : parameters.split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        values.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    String credential = requirePart(values, "Credential");
    String signedHeaders = requirePart(values, "SignedHeaders");
    String signature = requirePart(values, "Signature");
    String[] scope = credential.split("/");
    if (scope.length != 5 || !"aws4_request".equals(scope[4])) {
      throw BedrockError.incompleteSignature(
              "Credential should be scoped to a valid region, not '"
                  + (scope.length > 2 ? scope[2] : "")
                  + "'. ")
          .toException();
    }
    return new SigV4Authorization(
        scope[0], scope[1], scope[2], scope[3], Arrays.asList(signedHeaders.split(";")), signature);
  }

  private static String requirePart(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw BedrockError.incompleteSignature(
              "Authorization header requires '" + name + "' parameter.")
          .toException();
    }
    return value;
  }
}
