package io.costsentry.operator.webhook.injection;

/** What the webhook does with a pod being created. */
public sealed interface InjectionDecision {
  /** Admit the pod unchanged. */
  record Skip(String why) implements InjectionDecision {}

  /** Admit the pod with the sidecar, charging {@code identity}. */
  record Inject(WorkloadIdentity identity) implements InjectionDecision {}

  /** Refuse the pod; {@code message} is what {@code kubectl} and the ReplicaSet events show. */
  record Refuse(String message) implements InjectionDecision {}
}
