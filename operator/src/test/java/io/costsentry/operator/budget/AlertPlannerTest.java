package io.costsentry.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.costsentry.crds.v1alpha1.LimitStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPlannerTest {
  private static final List<Integer> THRESHOLDS = List.of(100, 50, 80);

  private static LimitStatus limit(String window, int percent) {
    LimitStatus s = new LimitStatus();
    s.setName("daily-cost");
    s.setWindowStart(window);
    s.setWindowEnd(window + "+1d");
    s.setPercent(percent);
    return s;
  }

  @Test
  void announcesEveryThresholdCrossedSinceTheLastStatusInAscendingOrder() {
    List<Alert> alerts =
        AlertPlanner.plan(List.of(limit("d1", 40)), List.of(limit("d1", 85)), THRESHOLDS);
    assertThat(alerts).extracting(Alert::threshold).containsExactly(50, 80);
    assertThat(alerts).allMatch(a -> a.kind() == Alert.Kind.THRESHOLD_CROSSED && !a.isWarning());
  }

  @Test
  void whatTheStatusAlreadyShowsIsNotAnnouncedAgain() {
    assertThat(AlertPlanner.plan(List.of(limit("d1", 85)), List.of(limit("d1", 99)), THRESHOLDS))
        .isEmpty();
  }

  @Test
  void reaching100IsAWarning() {
    List<Alert> alerts =
        AlertPlanner.plan(List.of(limit("d1", 85)), List.of(limit("d1", 100)), THRESHOLDS);
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.isWarning()).isTrue());
  }

  @Test
  void aNewWindowIsAnnouncedAsAResetAndItsThresholdsCountAfresh() {
    List<Alert> alerts =
        AlertPlanner.plan(List.of(limit("d1", 120)), List.of(limit("d2", 55)), THRESHOLDS);
    assertThat(alerts)
        .extracting(Alert::kind, Alert::threshold)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Alert.Kind.WINDOW_RESET, 0),
            org.assertj.core.groups.Tuple.tuple(Alert.Kind.THRESHOLD_CROSSED, 50));
    assertThat(alerts.get(0).percent()).isEqualTo(120);
  }

  @Test
  void aFirstStatusAnnouncesWhatIsAlreadyCrossedButNoReset() {
    assertThat(AlertPlanner.plan(null, List.of(limit("d1", 60)), THRESHOLDS))
        .extracting(Alert::threshold)
        .containsExactly(50);
  }
}
