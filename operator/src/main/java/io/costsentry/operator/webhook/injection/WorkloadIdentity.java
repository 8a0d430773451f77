package io.costsentry.operator.webhook.injection;

/**
 * Whom a pod's Bedrock calls are charged to: the tags the sidecar puts on every request.
 *
 * @param environment {@code null} when the pod names none
 */
public record WorkloadIdentity(String costCenter, String applicationId, String environment) {}
