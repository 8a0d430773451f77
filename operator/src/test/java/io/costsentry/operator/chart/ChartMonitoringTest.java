package io.costsentry.operator.chart;

import static io.costsentry.operator.chart.ChartCustomValuesTest.map;
import static io.costsentry.operator.chart.ChartCustomValuesTest.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Prometheus Operator objects and the Grafana dashboard, every one switched on. */
class ChartMonitoringTest {
  private static final MetricCatalog METRICS = MetricCatalog.load();
  private static final List<String> REQUIRED_ALERTS =
      List.of(
          "CostSentryBudgetNearlyExhausted",
          "CostSentryBudgetExhausted",
          "CostSentryRequestsDenied",
          "CostSentryLedgerUnavailable",
          "CostSentrySidecarUpstreamErrors",
          "CostSentryLedgerWritesStuck",
          "CostSentryOperatorDown",
          "CostSentryOperatorNoLeader",
          "CostSentryWebhookCertificateExpiring",
          "CostSentryWebhookRefusalsSpike");

  private static Rendered chart;

  @BeforeAll
  static void render() {
    chart =
        Chart.render(
            Chart.NAMESPACE,
            null,
            Map.of(
                "monitoring.operatorServiceMonitor.enabled", "true",
                "monitoring.sidecarPodMonitor.enabled", "true",
                "monitoring.prometheusRule.enabled", "true",
                "monitoring.grafanaDashboard.enabled", "true"));
  }

  @Test
  void scrapesInjectedSidecarsInAnyNamespaceOnTheirMetricsPort() {
    GenericKubernetesResource podMonitor = chart.custom("PodMonitor").get(0);
    assertThat(chart.custom("PodMonitor")).hasSize(1);
    Map<String, Object> spec = spec(podMonitor);

    assertThat(map(spec.get("selector")).get("matchLabels"))
        .isEqualTo(Map.of("costsentry.io/sidecar", "injected"));
    assertThat(map(spec.get("namespaceSelector"))).isEqualTo(Map.of("any", true));
    assertThat((List<?>) spec.get("podMetricsEndpoints"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(map(e).get("port")).isEqualTo("cs-metrics");
              assertThat(map(e).get("path")).isEqualTo("/metrics");
            });
  }

  @Test
  void scrapesTheOperatorThroughItsMetricsService() {
    GenericKubernetesResource serviceMonitor = chart.custom("ServiceMonitor").get(0);
    Map<String, Object> spec = spec(serviceMonitor);
    @SuppressWarnings("unchecked")
    Map<String, String> selector =
        (Map<String, String>) map(spec.get("selector")).get("matchLabels");
    List<Service> selected =
        chart.all(Service.class).stream()
            .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
            .toList();
    assertThat(selected)
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("costsentry-operator-metrics");

    String port = (String) map(((List<?>) spec.get("endpoints")).get(0)).get("port");
    Service metrics = selected.get(0);
    assertThat(metrics.getSpec().getPorts())
        .filteredOn(p -> port.equals(p.getName()))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("admin");
              assertThat(p.getPort())
                  .isEqualTo(Integer.parseInt(chart.env("COSTSENTRY_OPERATOR_ADMIN_PORT")));
            });
    assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(metrics.getSpec().getSelector());
  }

  @Test
  void alertsOnEverythingTheOperatorsOfCostSentryMustKnow() {
    assertThat(rules()).extracting(r -> (String) r.get("alert")).containsAll(REQUIRED_ALERTS);
  }

  @Test
  void alertsOnlyOnSeriesThatExist() {
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> rule : rules()) {
      for (String problem : METRICS.problems((String) rule.get("expr"))) {
        problems.add(rule.get("alert") + ": " + problem);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void readsOperatorSeriesFromTheOperatorsOwnScrapeJob() {
    assertThat(rules())
        .filteredOn(
            r -> ((String) r.get("expr")).matches("(?s).*costsentry_(operator|budget|webhook)_.*"))
        .isNotEmpty()
        .allSatisfy(
            r ->
                assertThat((String) r.get("expr"))
                    .contains("namespace=\"costsentry-system\"")
                    .contains("job=\"costsentry-operator-metrics\""));
  }

  @Test
  void explainsEveryAlertWithASummaryADescriptionAndARunbook() throws IOException {
    String readme = Files.readString(Chart.DIR.resolve("README.md"));
    for (Map<String, Object> rule : rules()) {
      String alert = (String) rule.get("alert");
      Map<String, Object> annotations = map(rule.get("annotations"));
      assertThat(annotations).as(alert).containsKeys("summary", "description", "runbook_url");
      assertThat(map(rule.get("labels"))).as(alert).containsKey("severity");
      assertThat((String) annotations.get("runbook_url"))
          .as(alert)
          .endsWith("README.md#" + alert.toLowerCase());
      assertThat(readme).as("README runbook section for " + alert).contains("### " + alert + "\n");
    }
  }

  @Test
  void shipsTheDashboardFileForGrafanasSidecar() throws IOException {
    ConfigMap dashboard = chart.one(ConfigMap.class);
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    String file = Files.readString(Chart.DIR.resolve("dashboards/costsentry.json"));
    assertThat(dashboard.getData().get("costsentry.json")).isEqualTo(file.strip());
  }

  @Test
  void chartsOnlySeriesThatExist() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String expr : dashboardQueries()) {
      for (String problem : METRICS.problems(expr)) {
        problems.add(expr + ": " + problem);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void chartsSpendBudgetsDecisionsTokensLatencyAndPendingWrites() throws IOException {
    List<String> queries = dashboardQueries();
    assertThat(queries)
        .anySatisfy(
            q ->
                assertThat(q)
                    .contains("costsentry_estimated_cost_usd_total")
                    .contains("by (cost_center)"))
        .anySatisfy(q -> assertThat(q).contains("costsentry_budget_used_percent"))
        .anySatisfy(
            q -> assertThat(q).contains("costsentry_requests_total").contains("by (decision)"))
        .anySatisfy(q -> assertThat(q).contains("costsentry_tokens_total"))
        .anySatisfy(
            q ->
                assertThat(q)
                    .contains("histogram_quantile(0.99")
                    .contains("gen_ai_client_operation_duration_seconds_bucket"))
        .anySatisfy(q -> assertThat(q).contains("costsentry_ledger_pending_writes"));
  }

  private static List<String> dashboardQueries() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(chart.one(ConfigMap.class).getData().get("costsentry.json"));
    assertThat(dashboard.path("title").asText()).isNotBlank();
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(target.path("expr").asText());
      }
    }
    assertThat(queries).isNotEmpty().doesNotContain("");
    // The cost center variable's own query: label_values(metric, label).
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher m =
          Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)")
              .matcher(variable.path("definition").asText());
      if (m.matches()) {
        assertThat(METRICS.labels(m.group(1))).contains(m.group(2));
      }
    }
    return queries;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules() {
    GenericKubernetesResource rule = chart.custom("PrometheusRule").get(0);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Object group : (List<Object>) spec(rule).get("groups")) {
      rules.addAll((List<Map<String, Object>>) map(group).get("rules"));
    }
    assertThat(rules).isNotEmpty();
    return rules;
  }
}
