package io.costsentry.sidecar.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * An upper bound of the input tokens a request body can be billed for, without a tokenizer.
 *
 * <p>Byte-level BPE tokenizers emit at most one token per UTF-8 byte, so the UTF-8 size of every
 * name and value in the body bounds the tokens of its text, tool definitions and structure. Images
 * are the exception in both directions: their base64 bytes say nothing about their tokens, which
 * models bound by resizing (Claude about 1,600 tokens, Nova about 2,600 per image), so each image
 * counts {@link #IMAGE_TOKENS} instead of its bytes. Documents and video count their bytes.
 */
public final class InputTokenBound {
  /** Tokens counted per image: above the per-image maximum of the models priced here. */
  public static final long IMAGE_TOKENS = 3_000;

  private InputTokenBound() {}

  public static long of(JsonNode body) {
    return count(body, false);
  }

  private static long count(JsonNode node, boolean insideImage) {
    if (node.isObject()) {
      if (!insideImage && isImage(node)) {
        return IMAGE_TOKENS;
      }
      long total = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        total += utf8Length(field.getKey());
        if ("image".equals(field.getKey()) && field.getValue().isObject()) {
          total += IMAGE_TOKENS;
        } else {
          total += count(field.getValue(), insideImage);
        }
      }
      return total;
    }
    if (node.isArray()) {
      long total = 0;
      for (JsonNode element : node) {
        total += count(element, insideImage);
      }
      return total;
    }
    if (node.isTextual()) {
      return utf8Length(node.textValue());
    }
    return node.isNull() ? 0 : node.asText().length();
  }

  /** Anthropic's {@code {"type":"image","source":{...}}} block. */
  private static boolean isImage(JsonNode node) {
    JsonNode type = node.get("type");
    return type != null && "image".equals(type.asText()) && node.has("source");
  }

  private static long utf8Length(String s) {
    // Text is mostly ASCII: avoid allocating when every char is one byte.
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
      n++;
    }
    return n;
  }
}
