/**
 * The CostSentry API, group {@code costsentry.io}, version {@code v1alpha1}: cluster-scoped {@link
 * io.costsentry.crds.v1alpha1.ModelAlias} and {@link io.costsentry.crds.v1alpha1.CostCenterBudget}
 * with their parts.
 *
 * <p>These classes hold only types: the CRD YAML is generated from them, so every field carries its
 * description and its constraints (patterns, bounds, enums, CEL rules). Patterns are written for
 * both Go's RE2 (the API server) and {@link java.util.regex} (the standalone sidecar). Defaults
 * live in the schema ({@code @Default}) and are applied by the API server, never written into a
 * user's spec by CostSentry.
 */
package io.costsentry.crds.v1alpha1;
