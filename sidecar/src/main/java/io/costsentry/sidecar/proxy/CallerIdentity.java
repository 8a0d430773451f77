package io.costsentry.sidecar.proxy;

/**
 * Who the requests of this sidecar are charged to: from the pod's injected configuration, never
 * from a request body alone.
 */
public record CallerIdentity(String costCenter, String applicationId, String environment) {}
