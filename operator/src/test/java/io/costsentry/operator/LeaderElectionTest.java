package io.costsentry.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
  private static final OperatorConfig DEFAULTS = OperatorConfig.defaults();

  @Test
  void timingsFollowTheLeaseDurationAsInClientGo() {
    LeaderElectionConfiguration c =
        LeaderElection.configuration(DEFAULTS, "costsentry-system", new Leadership(() -> {}));
    assertThat(c.getLeaseName()).isEqualTo("costsentry-operator");
    assertThat(c.getLeaseNamespace()).contains("costsentry-system");
    assertThat(c.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.getRenewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.getRetryPeriod()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.isExitOnStopLeading()).as("Leadership handles the loss").isFalse();
    assertThat(c.getLeaderCallbacks()).isPresent();
  }

  @Test
  void theLeaseNamespaceIsTheFlagElseTheClientsElseDefault() {
    OperatorConfig flagged = DEFAULTS.withLeaderElection("l", "ops", null, null);
    assertThat(LeaderElection.namespace(flagged, "pod-ns")).isEqualTo("ops");
    assertThat(LeaderElection.namespace(DEFAULTS, "pod-ns")).isEqualTo("pod-ns");
    assertThat(LeaderElection.namespace(DEFAULTS, null)).isEqualTo("default");
  }

  @Test
  void theIdentityIsThePodNameWithASuffixUniquePerProcess() {
    Map<String, String> env = Map.of("HOSTNAME", "costsentry-operator-7d9f-abcde");
    String one = LeaderElection.identity(DEFAULTS, env);
    String two = LeaderElection.identity(DEFAULTS, env);
    assertThat(one).startsWith("costsentry-operator-7d9f-abcde_").isNotEqualTo(two);
    assertThat(LeaderElection.identity(DEFAULTS, Map.of("POD_NAME", "p", "HOSTNAME", "h")))
        .startsWith("p_");
    assertThat(LeaderElection.identity(DEFAULTS.withLeaderElection("l", null, "me", null), env))
        .isEqualTo("me");
  }

  @Test
  void aLeaseShorterThanOneSecondIsRefused() {
    assertThatThrownBy(() -> DEFAULTS.withLeaderElection("l", null, null, Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease duration");
  }

  @Test
  void leadershipRunsItsLossActionOnceWhenLeadingStops() {
    AtomicInteger lost = new AtomicInteger();
    Leadership leadership = new Leadership(lost::incrementAndGet);
    leadership.stopped(); // never led: nothing lost
    assertThat(lost).hasValue(0);
    leadership.started();
    assertThat(leadership.isLeader()).isTrue();
    leadership.stopped();
    leadership.stopped();
    assertThat(leadership.isLeader()).isFalse();
    assertThat(lost).hasValue(1);
  }
}
