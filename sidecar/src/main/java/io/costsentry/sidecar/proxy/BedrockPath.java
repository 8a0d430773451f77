package io.costsentry.sidecar.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A Bedrock Runtime request path {@code /model/{modelId}/{operation}}, parsed from the raw path as
 * received: the model id is one percent-encoded segment, so an ARN's {@code %2F} is not a
 * separator.
 *
 * @param rawModelId the segment as received (percent-encoded)
 * @param modelId the decoded model id, alias or ARN
 */
public record BedrockPath(Operation operation, String rawModelId, String modelId) {
  private static final int MAX_MODEL_ID_LENGTH = 2048;
  private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

  public static BedrockPath parse(String rawPath) {
    String[] segments = rawPath.split("/", -1);
    if (segments.length != 4 || !segments[0].isEmpty() || !"model".equals(segments[1])) {
      throw new BedrockErrorException(
          BedrockError.of(
              ErrorType.UNKNOWN_OPERATION,
              "No Bedrock Runtime operation at "
                  + rawPath
                  + "; expected /model/{modelId}/converse, converse-stream, invoke or"
                  + " invoke-with-response-stream"));
    }
    Operation op =
        Operation.byPathSuffix(segments[3])
            .orElseThrow(
                () ->
                    new BedrockErrorException(
                        BedrockError.of(
                            ErrorType.UNKNOWN_OPERATION,
                            "Operation '"
                                + segments[3]
                                + "' is not served by CostSentry; supported: converse,"
                                + " converse-stream, invoke, invoke-with-response-stream")));
    String raw = segments[2];
    String decoded = percentDecode(raw);
    if (decoded.isEmpty() || decoded.length() > MAX_MODEL_ID_LENGTH) {
      throw BedrockErrorException.validation(
          "1 validation error detected: Value at 'modelId' failed to satisfy constraint: Member"
              + " must have length between 1 and 2048");
    }
    return new BedrockPath(op, raw, decoded);
  }

  private static String percentDecode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw BedrockErrorException.validation("Malformed percent-encoding in modelId");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw BedrockErrorException.validation("Malformed percent-encoding in modelId");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw BedrockErrorException.validation("modelId is not valid UTF-8");
    }
  }

  /** Percent-encodes a model id as the AWS SDKs do for a path label (RFC 3986 unreserved kept). */
  public static String encodeSegment(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(HEX_DIGITS[(b >> 4) & 0xf]).append(HEX_DIGITS[b & 0xf]);
      }
    }
    return sb.toString();
  }
}
