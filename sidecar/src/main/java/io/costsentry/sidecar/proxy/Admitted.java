package io.costsentry.sidecar.proxy;

import io.costsentry.core.budget.Reservation;
import io.costsentry.core.policy.AliasPolicy;
import io.costsentry.core.policy.BudgetPolicy;
import io.costsentry.sidecar.inspect.InspectedRequest;

/** A request that passed validation and holds its reservation: ready to forward. */
public record Admitted(
    AliasPolicy alias, BudgetPolicy budget, InspectedRequest request, Reservation reservation) {}
