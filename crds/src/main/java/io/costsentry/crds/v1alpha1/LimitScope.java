package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Narrows a limit to the requests of one model alias, application or environment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = LimitScope.RULE_NOT_EMPTY, message = LimitScope.RULE_NOT_EMPTY_MESSAGE)
public class LimitScope {
  public static final String RULE_NOT_EMPTY =
      "has(self.model) || has(self.applicationId) || has(self.environment)";
  public static final String RULE_NOT_EMPTY_MESSAGE =
      "scope must name at least one of model, applicationId, environment";

  @JsonPropertyDescription(
      "Name of a ModelAlias: the limit counts only requests for that alias. Not allowed in a"
          + " ModelAlias's own limits.")
  @Pattern(ApiPatterns.DNS_SUBDOMAIN)
  @Size(max = 253)
  private String model;

  @JsonPropertyDescription(
      "Value of the applicationId tag: the limit counts only requests of that application.")
  @Pattern(ApiPatterns.AWS_TAG_VALUE)
  @Size(min = 1, max = 128)
  private String applicationId;

  @JsonPropertyDescription(
      "Value of the environment tag: the limit counts only requests from that environment.")
  @Pattern(ApiPatterns.AWS_TAG_VALUE)
  @Size(min = 1, max = 128)
  private String environment;

  public String getModel() {
    return model;
  }

  public void setModel(String model) {
    this.model = model;
  }

  public String getApplicationId() {
    return applicationId;
  }

  public void setApplicationId(String applicationId) {
    this.applicationId = applicationId;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }
}
