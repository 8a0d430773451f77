package io.costsentry.core.config;

/**
 * The operator → sidecar contract: the ModelAlias and CostCenterBudget manifests the operator has
 * accepted, and the routing of (cost center, alias) to application inference profiles, stored
 * beside the usage counters. Manifests are stored as the JSON of the custom resource (apiVersion,
 * kind, metadata.name, spec), so the sidecar validates them with the same loader as its standalone
 * YAML file and keeps its last good configuration when a newer record is unreadable.
 *
 * <p>Writes are idempotent upserts; deleting what is absent is success.
 */
public interface PolicyStore {
  /** Schema version of the records; readers ignore records of versions they do not know. */
  String SCHEMA_VERSION = "v1alpha1";

  void putAlias(String name, String manifestJson);

  void deleteAlias(String name);

  /** Keyed by the budget's metadata.name. */
  void putBudget(String name, String manifestJson);

  void deleteBudget(String name);

  void putRoute(String costCenter, String alias, String inferenceProfileArn);

  void deleteRoute(String costCenter, String alias);

  /** Everything stored now, strongly consistent. */
  PolicySnapshot read();
}
