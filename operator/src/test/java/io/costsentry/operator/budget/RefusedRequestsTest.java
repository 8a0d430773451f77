package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.bedrock.PermanentAwsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefusedRequestsTest {
  private static final PermanentAwsException DENIED =
      new PermanentAwsException("AccessDenied", "not authorized", null);

  private Instant now = Instant.parse("2026-11-27T08:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final RefusedRequests refused = new RefusedRequests(clock, Duration.ofMinutes(10));

  private static RefusedRequests.Request request(Map<String, String> tags, long generation) {
    return new RefusedRequests.Request("ensure", "cs-team-haiku", "arn:model", tags, generation);
  }

  @Test
  void theSameRequestIsHeldBackUntilTheRecheckTime() {
    refused.remember(request(Map.of("costCenter", "team"), 1), DENIED);

    assertThat(refused.refusal(request(Map.of("costCenter", "team"), 1))).contains(DENIED);
    now = now.plus(Duration.ofMinutes(9));
    assertThat(refused.refusal(request(Map.of("costCenter", "team"), 1))).isPresent();
    now = now.plus(Duration.ofMinutes(1));
    assertThat(refused.refusal(request(Map.of("costCenter", "team"), 1))).isEmpty();
    assertThat(refused.size()).isZero();
  }

  @Test
  void aChangedRequestOrANewGenerationIsSentAgain() {
    refused.remember(request(Map.of("costCenter", "team"), 1), DENIED);

    assertThat(refused.refusal(request(Map.of("costCenter", "team", "x", "y"), 1))).isEmpty();
    assertThat(refused.refusal(request(Map.of("costCenter", "team"), 2))).isEmpty();
  }
}
