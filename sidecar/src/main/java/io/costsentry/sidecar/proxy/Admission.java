package io.costsentry.sidecar.proxy;

import io.costsentry.core.budget.BudgetEngine;
import io.costsentry.core.budget.Decision;
import io.costsentry.core.budget.Denial;
import io.costsentry.core.budget.RequestFacts;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.core.policy.PolicySet;
import io.costsentry.sidecar.config.SidecarPolicy;
import io.costsentry.sidecar.inspect.InspectedRequest;
import java.time.Instant;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Steps 1 and 2 of the request path: resolve who pays and which model, check the body, and reserve
 * the request's upper bound on every applicable limit. Anything refused here never reaches Bedrock.
 */
public final class Admission {
  private final Supplier<SidecarPolicy> policies;
  private final BudgetEngine engine;

  public Admission(Supplier<SidecarPolicy> policies, BudgetEngine engine) {
    this.policies = policies;
    this.engine = engine;
  }

  /**
   * @param requestedModel the alias, model id or ARN the app named
   * @param inspector checks the body against the resolved alias
   */
  public Admitted admit(
      RequestTrace trace,
      String requestedModel,
      Function<AliasPolicy, InspectedRequest> inspector) {
    SidecarPolicy policy = policies.get();
    PolicySet current = policy.policies();
    String costCenter = trace.identity().costCenter();
    BudgetPolicy budget =
        current
            .budgetFor(costCenter)
            .orElseThrow(
                () ->
                    new BedrockErrorException(
                        BedrockError.of(
                            ErrorType.ACCESS_DENIED,
                            "Cost center '"
                                + costCenter
                                + "' has no CostCenterBudget: requests cannot be charged to it")));
    AliasPolicy alias =
        current
            .resolveModel(requestedModel)
            .orElseThrow(
                () ->
                    BedrockErrorException.validation(
                        "Model '"
                            + requestedModel
                            + "' is not a ModelAlias known to CostSentry (known aliases: "
                            + new TreeSet<>(current.aliases().keySet())
                            + ")"));
    String target = policy.profileFor(alias.name()).orElse(alias.modelId());
    trace.model(alias.name(), target);
    InspectedRequest request = inspector.apply(alias);
    trace.prompt(request.promptText());

    RequestFacts facts =
        new RequestFacts(
            trace.requestId(),
            costCenter,
            trace.applicationId(),
            trace.environment(),
            alias,
            request.inputBound(),
            request.outputBound(),
            Instant.now());
    Decision decision = engine.reserve(budget, facts);
    return switch (decision) {
      case Decision.Approved approved -> {
        trace.approved(approved.reservation());
        yield new Admitted(alias, budget, request, approved.reservation(), target);
      }
      case Decision.Denied denied -> {
        Denial d = denied.denial();
        trace.denied(d.limit().owner().name() + "/" + d.limit().policy().name());
        ErrorType type =
            d.limit().policy().period().isRateLimit()
                ? ErrorType.THROTTLING
                : ErrorType.SERVICE_QUOTA_EXCEEDED;
        throw new BedrockErrorException(
            new BedrockError(type, d.message(), d.retryAfter(Instant.now())));
      }
      case Decision.LedgerUnavailable unavailable -> {
        trace.ledgerUnavailable();
        throw new BedrockErrorException(
            BedrockError.of(
                ErrorType.SERVICE_UNAVAILABLE,
                "CostSentry cannot check the budget now: " + unavailable.reason()));
      }
    };
  }
}
