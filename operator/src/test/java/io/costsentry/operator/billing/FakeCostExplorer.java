package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link CostExplorer} that counts calls and can be told to deny access. */
final class FakeCostExplorer implements CostExplorer {
  final Map<String, Boolean> tags = new TreeMap<>();
  final Map<String, BigDecimal> bill = new TreeMap<>();
  final List<Collection<String>> activations = new ArrayList<>();
  final List<LocalDate[]> billQueries = new ArrayList<>();
  int listCalls;
  boolean denied;

  @Override
  public Map<String, Boolean> tagStatus(Collection<String> keys) {
    listCalls++;
    deny("ce:ListCostAllocationTags");
    Map<String, Boolean> out = new LinkedHashMap<>();
    keys.stream().filter(tags::containsKey).forEach(k -> out.put(k, tags.get(k)));
    return out;
  }

  @Override
  public Map<String, String> activate(Collection<String> keys) {
    activations.add(List.copyOf(keys));
    deny("ce:UpdateCostAllocationTagsStatus");
    keys.forEach(k -> tags.put(k, true));
    return Map.of();
  }

  @Override
  public BedrockBill bedrockCostByCostCenter(LocalDate start, LocalDate end) {
    billQueries.add(new LocalDate[] {start, end});
    deny("ce:GetCostAndUsage");
    return new BedrockBill(bill, List.of("Amazon Bedrock"));
  }

  private void deny(String action) {
    if (denied) {
      throw new PermanentAwsException(
          "AccessDenied", "AccessDeniedException: not authorized to perform: " + action, null);
    }
  }
}
