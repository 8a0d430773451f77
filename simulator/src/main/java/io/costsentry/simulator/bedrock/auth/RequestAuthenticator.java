package io.costsentry.simulator.bedrock.auth;

import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.ReceivedRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a request is authenticated as Bedrock would: SigV4 with a known key pair, or a
 * Bedrock API key as {@code Authorization: Bearer <token>}. With verification off, any well-formed
 * {@code Authorization} header passes (but a missing one still does not).
 */
public final class RequestAuthenticator {
  private static final String BEARER = "Bearer ";

  private final boolean verify;
  private final Map<String, String> secretsByAccessKey;
  private final Set<String> bearerTokens;
  private final SigV4Verifier sigV4;

  public RequestAuthenticator(
      boolean verify,
      Map<String, String> secretsByAccessKey,
      Set<String> bearerTokens,
      Clock clock) {
    this.verify = verify;
    this.secretsByAccessKey = Map.copyOf(secretsByAccessKey);
    this.bearerTokens = Set.copyOf(bearerTokens);
    this.sigV4 = new SigV4Verifier(clock);
  }

  /**
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException a 403 error when the request is
   *     not authenticated
   */
  public void authenticate(ReceivedRequest request) {
    String authorization = request.header("authorization").orElse("").trim();
    if (authorization.isEmpty()) {
      throw BedrockError.missingAuthenticationToken().toException();
    }
    if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      checkBearer(authorization.substring(BEARER.length()).trim());
    } else if (authorization.startsWith(SigV4Authorization.ALGORITHM + " ")) {
      checkSigV4(request, SigV4Authorization.parse(authorization));
    } else {
      throw BedrockError.incompleteSignature(
              "Authorization header requires 'Credential' parameter. Authorization header"
                  + " requires 'Signature' parameter.")
          .toException();
    }
  }

  private void checkBearer(String token) {
    if (token.isEmpty() || (verify && !bearerTokens.contains(token))) {
      throw new BedrockError(
              403,
              "UnrecognizedClientException",
              BedrockError.unrecognizedClient().namespace(),
              "Authentication failed: Please make sure your API Key is valid.")
          .toException();
    }
  }

  private void checkSigV4(ReceivedRequest request, SigV4Authorization authorization) {
    if (!verify) {
      return;
    }
    String secret = secretsByAccessKey.get(authorization.accessKeyId());
    if (secret == null) {
      throw BedrockError.unrecognizedClient().toException();
    }
    sigV4.verify(request, authorization, secret);
  }
}
