package io.costsentry.operator.billing;

/** CloudWatch dashboards, as the operator uses them. */
public interface Dashboards {
  /** Creates or replaces the dashboard. */
  void put(String name, String body);
}
