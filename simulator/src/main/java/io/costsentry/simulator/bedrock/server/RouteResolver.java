package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Operation;
import io.costsentry.simulator.bedrock.wire.BedrockError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Routes {@code POST /model/{modelId}/{operation}} on the <em>raw</em> path: it splits on literal
 * {@code /} first and percent-decodes only the model id afterwards, because ARNs arrive with their
 * {@code /} encoded as {@code %2F} (aws-wire.md §1.3) and must not be split there.
 */
final class RouteResolver {
  private RouteResolver() {}

  /**
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException 404 for unknown paths, 405 for a
   *     known path with a method other than POST
   */
  static Route resolve(String method, String rawPath) {
    String[] segments = rawPath.split("/", -1);
    // "", "model", "{modelId}", "{operation}"
    if (segments.length != 4 || !segments[0].isEmpty() || !"model".equals(segments[1])) {
      throw BedrockError.unknownOperation().toException();
    }
    Operation operation = Operation.fromPathSegment(segments[3]);
    if (operation == null || segments[2].isEmpty()) {
      throw BedrockError.unknownOperation().toException();
    }
    if (!"POST".equals(method)) {
      throw BedrockError.methodNotAllowed(method).toException();
    }
    return new Route(operation, decode(segments[2]));
  }

  private static String decode(String segment) {
    try {
      // URLDecoder would turn '+' into a space; in a path '+' is literal.
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw BedrockError.invalidModelIdentifier().toException();
    }
  }
}
