package io.costsentry.operator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.operator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagActivationTest {
  private final FakeCostExplorer ce = new FakeCostExplorer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
  private final TagActivation activation = new TagActivation(ce, config(), clock);

  private static BillingConfig config() {
    return BillingConfigs.of(true, true, null);
  }

  @Test
  void activatesOnlyTheInactiveKeysOncePerRefresh() {
    ce.tags.put("costCenter", true);
    ce.tags.put("applicationId", false);
    ce.tags.put("environment", false);

    assertThat(activation.current().active()).isTrue();
    assertThat(ce.activations).containsExactly(List.of("applicationId", "environment"));
    activation.current();
    clock.advance(Duration.ofHours(23));
    activation.current();
    assertThat(ce.listCalls).isEqualTo(1);

    clock.advance(Duration.ofHours(2));
    assertThat(activation.current().active()).isTrue();
    assertThat(ce.listCalls).isEqualTo(2);
    assertThat(ce.activations).hasSize(1);
  }

  @Test
  void keysCostExplorerDoesNotKnowYetAreInactiveWithoutAProblem() {
    ce.tags.put("costCenter", false);

    TagActivation.State state = activation.current();

    assertThat(state.active()).isFalse();
    assertThat(state.inactive()).containsExactly("applicationId", "environment");
    assertThat(state.problem()).isNull();
  }

  @Test
  void accessDeniedIsAProblemAndWaitsForTheRetryInterval() {
    ce.denied = true;

    TagActivation.State state = activation.current();
    assertThat(state.problem().reason()).isEqualTo("CostExplorerAccessDenied");
    assertThat(state.problem().message()).contains("ce:ListCostAllocationTags");
    activation.current();
    clock.advance(Duration.ofMinutes(59));
    activation.current();
    assertThat(ce.listCalls).isEqualTo(1);

    ce.denied = false;
    clock.advance(Duration.ofMinutes(2));
    assertThat(activation.current().problem()).isNull();
    assertThat(ce.listCalls).isEqualTo(2);
  }
}
