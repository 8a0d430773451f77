package io.costsentry.simulator.bedrock.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.costsentry.simulator.bedrock.wire.BedrockException;
import io.costsentry.simulator.bedrock.wire.ReceivedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4VerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-26T20:59:27Z");
  private static final String ARN_PATH =
      "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile"
          + "%2Fabc123def456/converse";
  private static final byte[] BODY =
      "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]}"
          .getBytes(StandardCharsets.UTF_8);

  private final RequestAuthenticator authenticator =
      new RequestAuthenticator(
          true, Map.of("AKID", "secret"), Set.of("token"), Clock.fixed(NOW, ZoneOffset.UTC));

  /** Signs like the SDK client does, then turns the signed request into what the server sees. */
  private static ReceivedRequest signed(String path, byte[] body, String secret) {
    SdkHttpRequest request =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("AKID", secret))
                        .request(
                            SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(URI.create("http://127.0.0.1:8787" + path))
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(
                            AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)))
            .request();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request
        .headers()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    headers.putIfAbsent("host", List.of("127.0.0.1:8787"));
    return new ReceivedRequest("HTTP/1.1", "POST", "127.0.0.1:8787", path, null, headers, body);
  }

  @Test
  void acceptsASignatureOverTheEncodedArnPath() {
    assertThatCode(() -> authenticator.authenticate(signed(ARN_PATH, BODY, "secret")))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesASignatureMadeWithAnotherSecret() {
    assertThatThrownBy(() -> authenticator.authenticate(signed(ARN_PATH, BODY, "other")))
        .isInstanceOf(BedrockException.class)
        .hasMessageStartingWith("InvalidSignatureException");
  }

  @Test
  void refusesAPathThatWasDecodedAfterSigning() {
    ReceivedRequest request = signed(ARN_PATH, BODY, "secret");
    ReceivedRequest decodedPath =
        new ReceivedRequest(
            request.protocol(),
            request.method(),
            request.authority(),
            ARN_PATH.replace("%3A", ":"),
            null,
            request.headers(),
            request.body());

    assertThatThrownBy(() -> authenticator.authenticate(decodedPath))
        .hasMessageStartingWith("InvalidSignatureException");
  }

  @Test
  void refusesABodyThatDoesNotMatchItsSignedHash() {
    ReceivedRequest request = signed(ARN_PATH, BODY, "secret");
    ReceivedRequest tampered =
        new ReceivedRequest(
            request.protocol(),
            request.method(),
            request.authority(),
            request.rawPath(),
            null,
            request.headers(),
            "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> authenticator.authenticate(tampered))
        .hasMessageContaining("x-amz-content-sha256");
  }

  @Test
  void refusesUnknownAccessKeysAndMissingAuthentication() {
    RequestAuthenticator otherKeys =
        new RequestAuthenticator(
            true, Map.of("AKOTHER", "secret"), Set.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    ReceivedRequest unsigned =
        new ReceivedRequest("HTTP/1.1", "POST", "h", ARN_PATH, null, Map.of(), BODY);

    assertThatThrownBy(() -> otherKeys.authenticate(signed(ARN_PATH, BODY, "secret")))
        .hasMessageStartingWith("UnrecognizedClientException");
    assertThatThrownBy(() -> authenticator.authenticate(unsigned))
        .hasMessageStartingWith("MissingAuthenticationTokenException");
  }

  @Test
  void refusesSignaturesOlderThanFifteenMinutes() {
    RequestAuthenticator later =
        new RequestAuthenticator(
            true,
            Map.of("AKID", "secret"),
            Set.of(),
            Clock.fixed(NOW.plusSeconds(16 * 60), ZoneOffset.UTC));

    assertThatThrownBy(() -> later.authenticate(signed(ARN_PATH, BODY, "secret")))
        .hasMessageContaining("Signature expired");
  }
}
