package io.costsentry.sidecar.inspect;

import java.util.Map;

/**
 * A request body checked and ready to forward.
 *
 * @param body the bytes to forward: the app's, or re-serialized with the alias's defaults injected
 * @param inputBound upper bound of the input-side tokens the request can be billed for
 * @param outputBound the request's maxTokens (after defaults): upper bound of billed output tokens
 * @param promptText the prompt's text, for audit lines when prompt logging is on, else null
 * @param tags tags the request itself carries (Converse {@code requestMetadata})
 */
public record InspectedRequest(
    byte[] body, long inputBound, long outputBound, String promptText, Map<String, String> tags) {
  public InspectedRequest {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
