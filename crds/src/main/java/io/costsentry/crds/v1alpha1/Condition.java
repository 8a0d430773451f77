package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * One observation of a resource's state, shaped like Kubernetes' {@code metav1.Condition} but with
 * every field described in the schema (Fabric8's model class carries no descriptions).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  @JsonPropertyDescription("Type of the condition, CamelCase, e.g. Ready.")
  @Required
  @Pattern(ApiPatterns.CONDITION_REASON)
  @Size(min = 1, max = 316)
  private String type;

  @JsonPropertyDescription("True, False or Unknown.")
  @Required
  @Pattern("^(True|False|Unknown)$")
  private String status;

  @JsonPropertyDescription("Why the condition has its status, CamelCase.")
  @Pattern(ApiPatterns.CONDITION_REASON)
  @Size(max = 1024)
  private String reason;

  @JsonPropertyDescription("Human-readable details.")
  @Size(max = 32768)
  private String message;

  @JsonPropertyDescription(
      "When the status last changed (RFC 3339); kept as is while the status does not change.")
  private String lastTransitionTime;

  @JsonPropertyDescription("metadata.generation the condition was computed from.")
  @Min(0)
  private Long observedGeneration;

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
