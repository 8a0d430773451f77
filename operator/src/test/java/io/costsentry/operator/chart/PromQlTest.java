package io.costsentry.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker the alert and dashboard tests rely on finds what it must. */
class PromQlTest {
  private static final MetricCatalog CATALOG = MetricCatalog.load();

  @Test
  void readsSelectorsMatchersAndGroupingLabels() {
    PromQl.References refs =
        PromQl.references(
            "histogram_quantile(0.99, sum by (le, gen_ai_request_model) "
                + "(rate(gen_ai_client_operation_duration_seconds_bucket[5m]))) "
                + "/ on (job) costsentry_operator_leader{namespace=\"ns\", job=~\"a|b\"} * 3600");

    assertThat(refs.selectors())
        .extracting(PromQl.Selector::metric)
        .containsExactlyInAnyOrder(
            "costsentry_operator_leader", "gen_ai_client_operation_duration_seconds_bucket");
    assertThat(refs.selectors().stream().flatMap(s -> s.matchers().stream()).toList())
        .containsExactly(
            new PromQl.LabelMatcher("namespace", "=", "ns"),
            new PromQl.LabelMatcher("job", "=~", "a|b"));
    assertThat(refs.groupingLabels())
        .containsExactlyInAnyOrder("le", "gen_ai_request_model", "job");
  }

  @Test
  void knowsTheSidecarSeriesFromItsRealSink() {
    assertThat(CATALOG.names())
        .contains(
            "costsentry_requests_total",
            "costsentry_tokens_total",
            "costsentry_estimated_cost_usd_total",
            "costsentry_ledger_pending_writes",
            "gen_ai_client_token_usage_bucket",
            "gen_ai_client_operation_duration_seconds_bucket");
    assertThat(CATALOG.values("costsentry_requests_total", "decision"))
        .containsExactlyInAnyOrder("approved", "denied", "ledger_unavailable", "rejected");
    assertThat(CATALOG.values("costsentry_requests_total", "outcome"))
        .containsExactlyInAnyOrder("ok", "upstream_error", "refused");
  }

  @Test
  void acceptsAnExpressionOverExistingSeries() {
    assertThat(
            CATALOG.problems(
                "sum by (namespace, cost_center) "
                    + "(rate(costsentry_requests_total{decision=\"denied\"}[5m])) > 0"))
        .isEmpty();
  }

  @Test
  void flagsUnknownMetricsLabelsValuesAndGroupings() {
    assertThat(CATALOG.problems("rate(costsentry_request_total[5m])"))
        .containsExactly("unknown metric costsentry_request_total");
    assertThat(CATALOG.problems("costsentry_requests_total{decision=\"throttled\"}"))
        .singleElement()
        .asString()
        .contains("never \"throttled\"");
    assertThat(CATALOG.problems("costsentry_requests_total{costcenter=\"a\"}"))
        .isEqualTo(List.of("costsentry_requests_total has no label costcenter"));
    assertThat(CATALOG.problems("sum by (tenant) (costsentry_ledger_pending_writes)"))
        .isEqualTo(List.of("no metric of the expression has label tenant"));
  }
}
