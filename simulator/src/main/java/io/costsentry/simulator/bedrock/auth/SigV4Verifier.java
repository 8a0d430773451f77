package io.costsentry.simulator.bedrock.auth;

import io.costsentry.simulator.bedrock.wire.BedrockError;
import io.costsentry.simulator.bedrock.wire.ReceivedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Checks a SigV4 signature by signing the request again with the SDK's own {@link AwsV4HttpSigner}:
 * same secret, service {@code bedrock}, region from the credential scope, the request's {@code
 * X-Amz-Date} as the clock, only the headers the client signed, and the raw (single-encoded) path,
 * which the signer double-encodes as Bedrock expects (aws-wire.md §1.3).
 *
 * <p>Limitation: the SDK signer always signs {@code x-amz-content-sha256}, so a request signed
 * without it (botocore's default for non-S3 services) cannot be reproduced and is refused. The AWS
 * SDKs for Java and JavaScript, and proxies re-signing with {@link AwsV4HttpSigner}, all sign it.
 */
final class SigV4Verifier {
  static final String SERVICE = "bedrock";
  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final String MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final Clock clock;

  SigV4Verifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * @throws io.costsentry.simulator.bedrock.wire.BedrockException InvalidSignatureException or
   *     IncompleteSignatureException (403) when the signature does not hold
   */
  void verify(ReceivedRequest request, SigV4Authorization authorization, String secretKey) {
    String amzDate =
        request
            .header("x-amz-date")
            .orElseThrow(
                () ->
                    BedrockError.incompleteSignature(
                            "Authorization header requires existence of either a 'X-Amz-Date' or"
                                + " a 'Date' header.")
                        .toException());
    Instant signedAt = parseAmzDate(amzDate);
    checkClockSkew(amzDate, signedAt);
    if (!SERVICE.equals(authorization.service())) {
      throw BedrockError.invalidSignature(
              "Credential should be scoped to correct service: '" + SERVICE + "'. ")
          .toException();
    }
    if (!amzDate.startsWith(authorization.scopeDate())) {
      throw BedrockError.invalidSignature(
              "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
                  + " HTTP: '"
                  + authorization.scopeDate()
                  + "' != '"
                  + amzDate.substring(0, 8)
                  + "', from '"
                  + amzDate
                  + "'.")
          .toException();
    }
    checkPayloadHash(request);

    SignedRequest resigned =
        signer.sign(
            r ->
                r.identity(AwsCredentialsIdentity.create(authorization.accessKeyId(), secretKey))
                    .request(canonicalInput(request, authorization.signedHeaders()))
                    .payload(ContentStreamProvider.fromByteArray(request.body()))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, authorization.region())
                    .putProperty(
                        AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
    String expected =
        SigV4Authorization.parse(
                resigned.request().firstMatchingHeader("Authorization").orElseThrow())
            .signature();
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        authorization.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw BedrockError.invalidSignature(MISMATCH).toException();
    }
  }

  /** The request as the client signed it: raw path, and only the headers it listed as signed. */
  private static SdkHttpRequest canonicalInput(
      ReceivedRequest request, List<String> signedHeaders) {
    String query = request.rawQuery() == null ? "" : "?" + request.rawQuery();
    SdkHttpRequest.Builder builder =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(request.method()))
            .uri(URI.create("http://" + request.authority() + request.rawPath() + query));
    for (String name : signedHeaders) {
      List<String> values = request.headers().get(name);
      if (values != null) {
        builder.putHeader(name, values);
      } else if (name.equals("host")) {
        // HTTP/2 carries the host as :authority, not as a header.
        builder.putHeader("Host", request.authority());
      }
    }
    return builder.build();
  }

  private static Instant parseAmzDate(String amzDate) {
    try {
      return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw BedrockError.incompleteSignature(
              "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.")
          .toException();
    }
  }

  private void checkClockSkew(String amzDate, Instant signedAt) {
    Instant now = clock.instant();
    if (Duration.between(signedAt, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
      throw BedrockError.invalidSignature(
              "Signature expired: "
                  + amzDate
                  + " is now earlier than "
                  + AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW).atOffset(ZoneOffset.UTC))
                  + " ("
                  + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC))
                  + " - 15 min.)")
          .toException();
    }
  }

  private static void checkPayloadHash(ReceivedRequest request) {
    request
        .header("x-amz-content-sha256")
        .filter(declared -> !declared.equalsIgnoreCase(sha256Hex(request.body())))
        .ifPresent(
            declared -> {
              throw BedrockError.invalidSignature(
                      "The provided 'x-amz-content-sha256' header does not match what was"
                          + " computed.")
                  .toException();
            });
  }

  private static String sha256Hex(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
