package io.costsentry.bench.operator;

/** One row of a progress timeline, cumulative from its origin but for {@code cores}. */
record Progress(
    double seconds,
    int aliasesReady,
    int budgetsReady,
    int budgetsProfilesReady,
    int profiles,
    long bedrockCalls,
    long listPages,
    long summaries,
    long dynamoCalls,
    long k8sOperator,
    double cores) {

  /** How many aliases are Ready, budgets Ready, and budgets ProfilesReady. */
  record Readiness(int aliases, int budgets, int profiles) {}
}
