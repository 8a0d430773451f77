package io.costsentry.operator.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory {@link Budgets} that records the calls made. */
final class FakeBudgets implements Budgets {
  final Map<String, AwsBudget> budgets = new TreeMap<>();
  final List<String> calls = new ArrayList<>();

  @Override
  public Optional<AwsBudget> describe(String name) {
    calls.add("describe " + name);
    return Optional.ofNullable(budgets.get(name));
  }

  @Override
  public void create(AwsBudget budget) {
    calls.add("create " + budget.name());
    budgets.put(budget.name(), budget);
  }

  @Override
  public void update(AwsBudget budget) {
    calls.add("update " + budget.name());
    AwsBudget old = budgets.get(budget.name());
    budgets.put(
        budget.name(),
        new AwsBudget(budget.name(), budget.limitUsd(), budget.costCenter(), old.notifications()));
  }

  @Override
  public void createNotification(String budget, AwsBudget.Notice notice) {
    calls.add("createNotification " + notice.thresholdPercent());
    AwsBudget old = budgets.get(budget);
    List<AwsBudget.Notice> notices = new ArrayList<>(old.notifications());
    notices.add(notice);
    budgets.put(budget, new AwsBudget(budget, old.limitUsd(), old.costCenter(), notices));
  }

  @Override
  public void deleteNotification(String budget, AwsBudget.Notice notice) {
    calls.add("deleteNotification " + notice.thresholdPercent());
    AwsBudget old = budgets.get(budget);
    List<AwsBudget.Notice> notices = new ArrayList<>(old.notifications());
    notices.removeIf(n -> n.thresholdPercent() == notice.thresholdPercent());
    budgets.put(budget, new AwsBudget(budget, old.limitUsd(), old.costCenter(), notices));
  }

  @Override
  public void delete(String name) {
    calls.add("delete " + name);
    budgets.remove(name);
  }
}
