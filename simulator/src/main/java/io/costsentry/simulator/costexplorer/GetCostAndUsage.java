package io.costsentry.simulator.costexplorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.costsentry.simulator.awsjson.AwsJsonError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Answers {@code GetCostAndUsage} from the seeded lines (aws-wire.md §6): DAILY or MONTHLY periods
 * (the first and last month clipped to the request), up to two GroupBys of TAG ({@code key$value},
 * {@code key$} for untagged lines) or DIMENSION, amounts as strings, {@code Total} filled only when
 * not grouped, groups without lines left out, {@code Estimated} for periods not before the current
 * month, and {@code NextPageToken} paging over (period, group) entries.
 */
final class GetCostAndUsage {
  static final Set<String> METRICS =
      Set.of(
          "AmortizedCost",
          "BlendedCost",
          "NetAmortizedCost",
          "NetUnblendedCost",
          "NormalizedUsageAmount",
          "UnblendedCost",
          "UsageQuantity");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<List<BilledLineItem>> lines;
  private final CostAllocationTags tags;
  private final Clock clock;
  private final IntSupplier pageSize;

  GetCostAndUsage(
      Supplier<List<BilledLineItem>> lines,
      CostAllocationTags tags,
      Clock clock,
      IntSupplier pageSize) {
    this.lines = lines;
    this.tags = tags;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  private record Period(LocalDate start, LocalDate end) {}

  private record GroupBy(String type, String key, Function<BilledLineItem, String> value) {}

  /** One page entry: a period and one of its groups ({@code null} keys: the ungrouped total). */
  JsonNode call(JsonNode input) {
    Period range = timePeriod(input.get("TimePeriod"));
    String granularity = text(input.get("Granularity"));
    if (granularity == null) {
      throw AwsJsonError.validation("Granularity is required.").refuse();
    }
    List<Period> periods = periods(range, granularity);
    List<String> metrics = CostFilter.strings(input.get("Metrics"));
    if (metrics.isEmpty()) {
      throw AwsJsonError.validation("Metrics is required.").refuse();
    }
    for (String metric : metrics) {
      if (!METRICS.contains(metric)) {
        throw AwsJsonError.validation("Invalid metric: " + metric + ".").refuse();
      }
    }
    List<GroupBy> groupBys = groupBys(input.get("GroupBy"));
    Predicate<BilledLineItem> filter = CostFilter.compile(input.get("Filter"), tags);

    // period index -> group keys -> per metric sum
    List<Map<List<String>, BigDecimal[]>> sums = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      sums.add(
          new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))));
    }
    for (BilledLineItem item : lines.get()) {
      if (!filter.test(item)) {
        continue;
      }
      int index = periodOf(periods, item.day());
      if (index < 0) {
        continue;
      }
      List<String> keys = new ArrayList<>();
      for (GroupBy g : groupBys) {
        keys.add(g.value().apply(item));
      }
      BigDecimal[] sum =
          sums.get(index)
              .computeIfAbsent(keys, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sum[0] = sum[0].add(item.cost());
      sum[1] = sum[1].add(item.usageQuantity());
    }

    List<int[]> entries = new ArrayList<>(); // {period, group index or -1}
    for (int p = 0; p < periods.size(); p++) {
      if (groupBys.isEmpty() || sums.get(p).isEmpty()) {
        entries.add(new int[] {p, -1});
      } else {
        for (int g = 0; g < sums.get(p).size(); g++) {
          entries.add(new int[] {p, g});
        }
      }
    }
    String fingerprint = fingerprint(input);
    int from = offset(text(input.get("NextPageToken")), fingerprint);
    int to = Math.min(entries.size(), from + pageSize.getAsInt());

    ObjectNode out = JSON.createObjectNode();
    if (!groupBys.isEmpty()) {
      ArrayNode definitions = out.putArray("GroupDefinitions");
      groupBys.forEach(g -> definitions.addObject().put("Type", g.type()).put("Key", g.key()));
    }
    ArrayNode results = out.putArray("ResultsByTime");
    LocalDate firstOfMonth = LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
    ObjectNode current = null;
    int currentPeriod = -1;
    for (int[] entry : entries.subList(from, to)) {
      int p = entry[0];
      if (p != currentPeriod) {
        currentPeriod = p;
        Period period = periods.get(p);
        current = results.addObject();
        current
            .putObject("TimePeriod")
            .put("Start", period.start().toString())
            .put("End", period.end().toString());
        ObjectNode total = current.putObject("Total");
        current.putArray("Groups");
        current.put("Estimated", period.end().isAfter(firstOfMonth));
        if (groupBys.isEmpty()) {
          BigDecimal[] sum =
              sums.get(p)
                  .getOrDefault(List.of(), new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
          putMetrics(total, metrics, sum);
        }
      }
      if (entry[1] >= 0) {
        Map.Entry<List<String>, BigDecimal[]> group =
            new ArrayList<>(sums.get(p).entrySet()).get(entry[1]);
        ObjectNode g = ((ArrayNode) current.get("Groups")).addObject();
        ArrayNode keys = g.putArray("Keys");
        group.getKey().forEach(keys::add);
        putMetrics(g.putObject("Metrics"), metrics, group.getValue());
      }
    }
    out.putArray("DimensionValueAttributes");
    if (to < entries.size()) {
      out.put("NextPageToken", token(to, fingerprint));
    }
    return out;
  }

  private static void putMetrics(ObjectNode node, List<String> metrics, BigDecimal[] sum) {
    for (String metric : metrics) {
      boolean usage = metric.equals("UsageQuantity") || metric.equals("NormalizedUsageAmount");
      node.putObject(metric)
          .put("Amount", (usage ? sum[1] : sum[0]).stripTrailingZeros().toPlainString())
          .put("Unit", usage ? "N/A" : "USD");
    }
  }

  private Period timePeriod(JsonNode node) {
    if (node == null || node.isNull()) {
      throw AwsJsonError.validation("TimePeriod is required.").refuse();
    }
    LocalDate start = date(node.get("Start"), "Start");
    LocalDate end = date(node.get("End"), "End");
    if (!start.isBefore(end)) {
      throw AwsJsonError.validation("Start date (and hour) should be before end date (and hour)")
          .refuse();
    }
    return new Period(start, end);
  }

  private static LocalDate date(JsonNode node, String member) {
    String value = text(node);
    if (value == null) {
      throw AwsJsonError.validation("TimePeriod." + member + " is required.").refuse();
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      throw AwsJsonError.validation(
              "TimePeriod." + member + " " + value + " is not a date (YYYY-MM-DD).")
          .refuse();
    }
  }

  private static List<Period> periods(Period range, String granularity) {
    List<Period> periods = new ArrayList<>();
    switch (granularity) {
      case "DAILY" -> {
        for (LocalDate d = range.start(); d.isBefore(range.end()); d = d.plusDays(1)) {
          periods.add(new Period(d, d.plusDays(1)));
        }
      }
      case "MONTHLY" -> {
        LocalDate start = range.start();
        while (start.isBefore(range.end())) {
          LocalDate next = start.withDayOfMonth(1).plusMonths(1);
          LocalDate end = next.isBefore(range.end()) ? next : range.end();
          periods.add(new Period(start, end));
          start = end;
        }
      }
      case "HOURLY" ->
          throw AwsJsonError.validation(
                  "Hourly granularity is not enabled for this account (simulator).")
              .refuse();
      default ->
          throw AwsJsonError.validation("Invalid Granularity: " + granularity + ".").refuse();
    }
    return periods;
  }

  private static int periodOf(List<Period> periods, LocalDate day) {
    for (int i = 0; i < periods.size(); i++) {
      Period p = periods.get(i);
      if (!day.isBefore(p.start()) && day.isBefore(p.end())) {
        return i;
      }
    }
    return -1;
  }

  private List<GroupBy> groupBys(JsonNode node) {
    List<GroupBy> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.size() > 2) {
      throw AwsJsonError.validation("You can only group by up to two keys.").refuse();
    }
    Set<String> seen = new LinkedHashSet<>();
    for (JsonNode g : node) {
      String type = text(g.get("Type"));
      String key = text(g.get("Key"));
      if (type == null || key == null) {
        throw AwsJsonError.validation("GroupBy needs Type and Key.").refuse();
      }
      if (!seen.add(type + "/" + key)) {
        throw AwsJsonError.validation("Duplicate GroupBy " + type + " " + key + ".").refuse();
      }
      switch (type) {
        case "TAG" ->
            out.add(
                new GroupBy(
                    type,
                    key,
                    item -> {
                      String value = tags.isActive(key) ? item.tags().get(key) : null;
                      return key + "$" + (value == null ? "" : value);
                    }));
        case "DIMENSION" -> out.add(new GroupBy(type, key, Dimensions.of(key)));
        case "COST_CATEGORY" ->
            throw AwsJsonError.validation("Cost categories are not supported by the simulator.")
                .refuse();
        default -> throw AwsJsonError.validation("Invalid GroupBy type: " + type + ".").refuse();
      }
    }
    return out;
  }

  /** The request minus its page token: a token only fits the request that produced it. */
  private static String fingerprint(JsonNode input) {
    ObjectNode copy = input.deepCopy();
    copy.remove("NextPageToken");
    return Integer.toHexString(copy.toString().hashCode());
  }

  private static String token(int offset, String fingerprint) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((offset + ":" + fingerprint).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token, String fingerprint) {
    if (token == null) {
      return 0;
    }
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":", 2);
      if (parts.length == 2 && !parts[1].equals(fingerprint)) {
        throw new AwsJsonError(
                400,
                "RequestChangedException",
                "Your request parameters changed between pages. Try again with the old parameters"
                    + " or without a pagination token.")
            .refuse();
      }
      return Integer.parseInt(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new AwsJsonError(400, "InvalidNextTokenException", "The pagination token is invalid.")
          .refuse();
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
