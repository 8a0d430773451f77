package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.Operation;

/**
 * Where a request path leads.
 *
 * @param operation the operation named by the last path segment
 * @param modelId the percent-decoded {@code {modelId}} segment
 */
record Route(Operation operation, String modelId) {}
