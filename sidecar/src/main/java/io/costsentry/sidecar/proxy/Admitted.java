package io.costsentry.sidecar.proxy;

import io.costsentry.core.budget.Reservation;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.sidecar.inspect.InspectedRequest;

/**
 * A request that passed validation and holds its reservation: ready to forward.
 *
 * @param targetModelId what Bedrock is called with: the cost center's application inference profile
 *     for the alias when the operator created one, else the alias's model id
 */
public record Admitted(
    AliasPolicy alias,
    BudgetPolicy budget,
    InspectedRequest request,
    Reservation reservation,
    String targetModelId) {}
