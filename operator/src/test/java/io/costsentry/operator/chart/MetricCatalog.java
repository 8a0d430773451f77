package io.costsentry.operator.chart;

import io.costsentry.core.pricing.TokenUsage;
import io.costsentry.sidecar.telemetry.Decision;
import io.costsentry.sidecar.telemetry.PrometheusMetricsSink;
import io.costsentry.sidecar.telemetry.RequestOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series CostSentry exports, with their labels: the sidecar's read from a real {@link
 * PrometheusMetricsSink} after it recorded one request of every decision and outcome, the
 * operator's as the contract lists them. Dashboards and alerts may use nothing else (but
 * Prometheus' own {@code up} and the labels it adds to every target).
 */
final class MetricCatalog {
  /** Labels whose values are a fixed set; values of the others (cost centers, models) are free. */
  static final Set<String> ENUM_LABELS =
      Set.of("decision", "outcome", "token_type", "gen_ai_token_type", "webhook", "result");

  /** What Prometheus adds to every series it scrapes through a ServiceMonitor or PodMonitor. */
  static final Set<String> TARGET_LABELS =
      Set.of("namespace", "pod", "job", "instance", "service", "container", "endpoint");

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+\\S+.*$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** metric → label → values seen (enum labels) */
  private final Map<String, Map<String, Set<String>>> metrics;

  private MetricCatalog(Map<String, Map<String, Set<String>>> metrics) {
    this.metrics = metrics;
  }

  static MetricCatalog load() {
    Map<String, Map<String, Set<String>>> metrics = new TreeMap<>();
    addScrape(metrics, sidecarScrape());
    operatorMetrics(metrics);
    metrics.put("up", new TreeMap<>());
    return new MetricCatalog(metrics);
  }

  Set<String> names() {
    return metrics.keySet();
  }

  boolean has(String metric) {
    return metrics.containsKey(metric);
  }

  Set<String> labels(String metric) {
    return metrics.getOrDefault(metric, Map.of()).keySet();
  }

  Set<String> values(String metric, String label) {
    return metrics.getOrDefault(metric, Map.of()).getOrDefault(label, Set.of());
  }

  /** Why an expression would read nothing; empty when every name and value exists. */
  List<String> problems(String expression) {
    List<String> problems = new ArrayList<>();
    PromQl.References refs = PromQl.references(expression);
    Set<String> available = new LinkedHashSet<>(TARGET_LABELS);
    for (PromQl.Selector selector : refs.selectors()) {
      String metric = selector.metric();
      if (!has(metric)) {
        problems.add("unknown metric " + metric);
        continue;
      }
      available.addAll(labels(metric));
      for (PromQl.LabelMatcher m : selector.matchers()) {
        if (!TARGET_LABELS.contains(m.label()) && !labels(metric).contains(m.label())) {
          problems.add(metric + " has no label " + m.label());
        } else if (m.op().equals("=") && ENUM_LABELS.contains(m.label())) {
          if (!values(metric, m.label()).contains(m.value())) {
            problems.add(
                metric
                    + "{"
                    + m.label()
                    + "} is never \""
                    + m.value()
                    + "\" (values: "
                    + values(metric, m.label())
                    + ")");
          }
        }
      }
    }
    for (String label : refs.groupingLabels()) {
      if (!available.contains(label)) {
        problems.add("no metric of the expression has label " + label);
      }
    }
    return problems;
  }

  private static void operatorMetrics(Map<String, Map<String, Set<String>>> metrics) {
    for (String gauge :
        List.of(
            "costsentry_operator_started",
            "costsentry_operator_event_sources_healthy",
            "costsentry_operator_leader",
            "costsentry_operator_controllers",
            "costsentry_webhook_certificate_expiry_timestamp_seconds")) {
      metrics.put(gauge, new TreeMap<>());
    }
    metrics.put(
        "costsentry_budget_used_percent",
        new TreeMap<>(Map.of("cost_center", Set.of(), "limit", Set.of(), "period", Set.of())));
    metrics.put("costsentry_budget_exceeded", new TreeMap<>(Map.of("cost_center", Set.of())));
    metrics.put(
        "costsentry_webhook_admissions_total",
        new TreeMap<>(
            Map.of(
                "webhook", Set.of("sidecar-injector", "budget-validator"),
                "result", Set.of("injected", "skipped", "refused", "allowed", "error"))));
  }

  /** One request of every decision, each approved, failed upstream and refused. */
  private static String sidecarScrape() {
    PrometheusMetricsSink sink = new PrometheusMetricsSink(() -> 0);
    for (Decision decision : Decision.values()) {
      sink.record(outcome(decision, 200, false));
      sink.record(outcome(decision, 502, true));
      sink.record(outcome(decision, 429, false));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      sink.scrape(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static RequestOutcome outcome(Decision decision, int status, boolean upstreamFailed) {
    return new RequestOutcome(
        "req-" + decision + status,
        Instant.parse("2026-11-27T08:00:00Z"),
        "Converse",
        "claude-3-5-haiku",
        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "us.anthropic.claude-3-5-haiku-20241022-v1:0",
        "support",
        "chat",
        "prod",
        Map.of(),
        decision,
        List.of(),
        null,
        new TokenUsage(100, 50, 10, 5),
        "response",
        1_000,
        status,
        null,
        upstreamFailed,
        false,
        120,
        null);
  }

  private static void addScrape(Map<String, Map<String, Set<String>>> metrics, String scrape) {
    for (String line : scrape.lines().toList()) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        throw new IllegalStateException("unexpected exposition line: " + line);
      }
      Map<String, Set<String>> labels =
          metrics.computeIfAbsent(sample.group(1), k -> new TreeMap<>());
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          Set<String> values = labels.computeIfAbsent(label.group(1), k -> new LinkedHashSet<>());
          if (ENUM_LABELS.contains(label.group(1))) {
            values.add(label.group(2));
          }
        }
      }
    }
  }
}
