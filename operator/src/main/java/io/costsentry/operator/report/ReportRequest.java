package io.costsentry.operator.report;

import java.util.List;
import java.util.Set;

/**
 * What a report is asked for.
 *
 * @param costCenters only these cost centers; empty means all
 */
public record ReportRequest(
    ReportPeriod period, Source source, List<GroupBy> groupBy, Set<String> costCenters) {
  public ReportRequest {
    groupBy = List.copyOf(groupBy.stream().distinct().toList());
    costCenters = Set.copyOf(costCenters);
    if (groupBy.isEmpty()) {
      throw new IllegalArgumentException(
          "--group-by needs at least one of cost-center, application, environment, model");
    }
    if (source.billed() && !groupBy.equals(List.of(GroupBy.COST_CENTER))) {
      throw new IllegalArgumentException(
          "--source "
              + source.option()
              + " groups by cost center only: Cost Explorer knows the costCenter tag, not the"
              + " application, environment or model of each request. Use --group-by cost-center,"
              + " or --source ledger for "
              + groupBy);
    }
  }

  public boolean includes(String costCenter) {
    return costCenters.isEmpty() || costCenters.contains(costCenter);
  }
}
