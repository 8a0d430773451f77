package io.costsentry.core.budget;

import io.costsentry.core.ledger.Hold;

/**
 * A hold taken for one request on one limit.
 *
 * @param recorded {@code false} when the ledger was unreachable and the request went through under
 *     FailOpen: the hold exists only here and is written when the ledger is back
 */
public record HeldLimit(ApplicableLimit limit, Hold hold, boolean recorded) {}
