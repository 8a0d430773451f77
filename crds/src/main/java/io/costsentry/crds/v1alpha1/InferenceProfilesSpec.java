package io.costsentry.crds.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The application inference profiles of a cost center: one per ModelAlias, tagged so that AWS bills
 * carry the cost center.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InferenceProfilesSpec {
  public static final String RULE_RESERVED_TAGS =
      "self.all(k, !(k in ['costCenter', 'applicationId', 'environment', 'managed-by']))";
  public static final String RULE_RESERVED_TAGS_MESSAGE =
      "tags costCenter, applicationId, environment and managed-by are set by CostSentry";

  public static final String RULE_TAG_KEYS =
      "self.all(k, size(k) <= 128 && !k.startsWith('aws:')"
          + " && k.matches('^[\\\\p{L}\\\\p{Z}\\\\p{N}_.:/=+\\\\-@]+$'))";
  public static final String RULE_TAG_KEYS_MESSAGE =
      "tag keys must be 1 to 128 letters, digits, spaces or _.:/=+-@ and must not start with aws:";

  public static final String RULE_TAG_VALUES =
      "self.all(k, size(self[k]) <= 256 && self[k].matches('^[\\\\p{L}\\\\p{Z}\\\\p{N}_.:/=+\\\\-@]*$'))";
  public static final String RULE_TAG_VALUES_MESSAGE =
      "tag values must be at most 256 letters, digits, spaces or _.:/=+-@";

  @JsonPropertyDescription(
      "Create (or adopt) one application inference profile per ModelAlias for this cost center,"
          + " and route its requests through them. Default: true.")
  @Default("true")
  private Boolean enabled;

  @JsonPropertyDescription("ModelAlias names to create profiles for. Default: every ModelAlias.")
  @Size(max = 100)
  private List<@Pattern(ApiPatterns.DNS_SUBDOMAIN) @Size(max = 253) String> aliases;

  @JsonPropertyDescription(
      "Value of the profiles' applicationId tag. A cost center's profiles are shared by its"
          + " applications, so this names the application only when the cost center serves one."
          + " Default: shared.")
  @Default("shared")
  @Pattern(ApiPatterns.AWS_TAG_VALUE)
  @Size(min = 1, max = 256)
  private String applicationId;

  @JsonPropertyDescription(
      "Value of the profiles' environment tag (for example prod or staging). Default: shared.")
  @Default("shared")
  @Pattern(ApiPatterns.AWS_TAG_VALUE)
  @Size(min = 1, max = 256)
  private String environment;

  @JsonPropertyDescription(
      "Extra AWS tags on the profiles, besides costCenter, applicationId, environment and"
          + " managed-by.")
  @Size(max = 40)
  @ValidationRule(value = RULE_RESERVED_TAGS, message = RULE_RESERVED_TAGS_MESSAGE)
  @ValidationRule(value = RULE_TAG_KEYS, message = RULE_TAG_KEYS_MESSAGE)
  @ValidationRule(value = RULE_TAG_VALUES, message = RULE_TAG_VALUES_MESSAGE)
  // maxLength on the values bounds the API server's cost estimate of RULE_TAG_VALUES: with
  // unbounded values it reckons each match on a string of the maximum request size and refuses
  // the CRD (estimated rule cost exceeds budget). Map keys are estimated as empty.
  private Map<String, @Size(max = 256) String> tags;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getAliases() {
    return aliases;
  }

  public void setAliases(List<String> aliases) {
    this.aliases = aliases;
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

  public Map<String, String> getTags() {
    return tags;
  }

  public void setTags(Map<String, String> tags) {
    this.tags = tags;
  }
}
