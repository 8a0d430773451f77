package io.costsentry.sidecar.config;

/** Where usage counters live. */
public enum LedgerKind {
  /** Shared by every sidecar: the production choice. */
  DYNAMODB,
  /** This process only: one sidecar alone, demos, tests. */
  MEMORY
}
