package io.costsentry.operator.budget;

import io.costsentry.crds.v1alpha1.LimitStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which alerts a status refresh announces, from the previous status (what was already
 * announced, persisted in the resource, so a restarted operator does not repeat it) and the new
 * one: each threshold once per limit window, in ascending order, and a reset when a new window
 * begins.
 */
public final class AlertPlanner {
  private AlertPlanner() {}

  public static List<Alert> plan(
      List<LimitStatus> previous, List<LimitStatus> current, List<Integer> thresholds) {
    Map<String, LimitStatus> before =
        previous == null
            ? Map.of()
            : previous.stream()
                .filter(l -> l.getName() != null)
                .collect(Collectors.toMap(LimitStatus::getName, Function.identity(), (a, b) -> a));
    List<Integer> ascending = thresholds.stream().sorted().distinct().toList();
    List<Alert> alerts = new ArrayList<>();
    for (LimitStatus now : current) {
      LimitStatus was = before.get(now.getName());
      int announced = 0;
      if (was != null && Objects.equals(was.getWindowStart(), now.getWindowStart())) {
        announced = was.getPercent() == null ? 0 : was.getPercent();
      } else if (was != null && was.getWindowStart() != null) {
        alerts.add(
            new Alert(
                Alert.Kind.WINDOW_RESET,
                now.getName(),
                0,
                was.getPercent() == null ? 0 : was.getPercent(),
                now.getWindowStart(),
                now.getWindowEnd()));
      }
      int percent = now.getPercent() == null ? 0 : now.getPercent();
      for (int t : ascending) {
        if (t > announced && t <= percent) {
          alerts.add(
              new Alert(
                  Alert.Kind.THRESHOLD_CROSSED,
                  now.getName(),
                  t,
                  percent,
                  now.getWindowStart(),
                  now.getWindowEnd()));
        }
      }
    }
    return alerts;
  }
}
