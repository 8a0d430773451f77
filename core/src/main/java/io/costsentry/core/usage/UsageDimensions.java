package io.costsentry.core.usage;

import java.util.Objects;

/**
 * Who spent and on what: the dimensions reports group by. Empty strings stand for "not set" (a pod
 * without an application id or environment); the cost center and model are always set.
 *
 * @param model the ModelAlias name the request resolved to
 */
public record UsageDimensions(
    String costCenter, String applicationId, String environment, String model) {
  public UsageDimensions {
    Objects.requireNonNull(costCenter, "costCenter");
    Objects.requireNonNull(model, "model");
    applicationId = applicationId == null ? "" : applicationId;
    environment = environment == null ? "" : environment;
  }
}
