package io.costsentry.core.policy;

/**
 * Narrows a limit to requests for one model alias, application or environment. A {@code null}
 * member matches everything; a limit with no scope applies to every request of its cost center.
 */
public record LimitScope(String model, String applicationId, String environment) {
  public static final LimitScope ALL = new LimitScope(null, null, null);

  public boolean matches(String alias, String application, String env) {
    return (model == null || model.equals(alias))
        && (applicationId == null || applicationId.equals(application))
        && (environment == null || environment.equals(env));
  }
}
