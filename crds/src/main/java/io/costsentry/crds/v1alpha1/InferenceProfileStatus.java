package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The application inference profile of this cost center for one ModelAlias. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceProfileStatus {
  @JsonPropertyDescription("Name of the ModelAlias.")
  private String alias;

  @JsonPropertyDescription("ARN of the application inference profile requests are routed to.")
  private String arn;

  public String getAlias() {
    return alias;
  }

  public void setAlias(String alias) {
    this.alias = alias;
  }

  public String getArn() {
    return arn;
  }

  public void setArn(String arn) {
    this.arn = arn;
  }
}
