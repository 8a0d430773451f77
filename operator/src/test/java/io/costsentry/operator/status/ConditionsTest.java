package io.costsentry.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T1 = Instant.parse("2026-11-27T10:00:00.123Z");
  private static final Instant T2 = Instant.parse("2026-11-27T11:00:00Z");

  @Test
  void aNewConditionTransitionsNowAndCarriesTheGeneration() {
    List<Condition> merged =
        Conditions.merge(null, List.of(Conditions.of("Ready", true, "Published", "ok")), 3, T1);
    assertThat(merged)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-27T10:00:00Z");
              assertThat(c.getObservedGeneration()).isEqualTo(3L);
              assertThat(c.getStatus()).isEqualTo("True");
            });
  }

  @Test
  void lastTransitionTimeIsKeptWhileTheStatusDoesNotChange() {
    List<Condition> first =
        Conditions.merge(null, List.of(Conditions.of("Ready", true, "Published", "a")), 1, T1);
    List<Condition> second =
        Conditions.merge(first, List.of(Conditions.of("Ready", true, "Published", "b")), 2, T2);
    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-27T10:00:00Z");
    assertThat(second.get(0).getMessage()).isEqualTo("b");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void aStatusChangeMovesTheTransitionTime() {
    List<Condition> first =
        Conditions.merge(null, List.of(Conditions.of("Ready", true, "Published", "a")), 1, T1);
    List<Condition> second =
        Conditions.merge(first, List.of(Conditions.of("Ready", false, "InvalidSpec", "b")), 2, T2);
    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-27T11:00:00Z");
  }

  @Test
  void unchangedStatusesCompareEqualSoNothingIsWritten() {
    List<Condition> a =
        Conditions.merge(null, List.of(Conditions.of("Ready", true, "Published", "a")), 1, T1);
    List<Condition> b =
        Conditions.merge(a, List.of(Conditions.of("Ready", true, "Published", "a")), 1, T2);
    assertThat(StatusDiff.same(a, b)).isTrue();
    assertThat(StatusDiff.same(a, null)).isFalse();
  }
}
