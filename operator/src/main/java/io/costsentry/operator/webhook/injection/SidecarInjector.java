package io.costsentry.operator.webhook.injection;

import io.costsentry.operator.webhook.WebhookMetrics;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.webhook.admission.NotAllowedException;
import io.javaoperatorsdk.webhook.admission.Operation;
import io.javaoperatorsdk.webhook.admission.mutation.Mutator;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The mutating webhook: applies the {@link InjectionPolicy}'s decision to a pod being created. */
public final class SidecarInjector implements Mutator<Pod> {
  private static final Logger log = LoggerFactory.getLogger(SidecarInjector.class);

  private final SidecarTemplate template;
  private final Function<String, Namespace> namespaces;
  private final BudgetDirectory budgets;
  private final WebhookMetrics metrics;

  /**
   * @param namespaces a namespace by name, {@code null} if there is none
   */
  public SidecarInjector(
      SidecarTemplate template,
      Function<String, Namespace> namespaces,
      BudgetDirectory budgets,
      WebhookMetrics metrics) {
    this.template = template;
    this.namespaces = namespaces;
    this.budgets = budgets;
    this.metrics = metrics;
  }

  @Override
  public Pod mutate(Pod pod, Operation operation) throws NotAllowedException {
    if (operation != Operation.CREATE) {
      return pod; // containers of a pod cannot change after creation
    }
    String namespace = pod.getMetadata().getNamespace();
    InjectionDecision decision =
        InjectionPolicy.decide(pod, namespace, namespaces.apply(namespace), budgets);
    switch (decision) {
      case InjectionDecision.Skip skip -> {
        metrics.admission(WebhookMetrics.INJECTOR, "skipped");
        log.debug("pod {}/{}: no sidecar, {}", namespace, name(pod), skip.why());
        return pod;
      }
      case InjectionDecision.Refuse refuse -> {
        metrics.admission(WebhookMetrics.INJECTOR, "refused");
        log.info("refused: {}", refuse.message());
        throw new NotAllowedException(refuse.message(), 403);
      }
      case InjectionDecision.Inject inject -> {
        metrics.admission(WebhookMetrics.INJECTOR, "injected");
        log.info(
            "pod {}/{}: sidecar injected for cost center {}, application {}",
            namespace,
            name(pod),
            inject.identity().costCenter(),
            inject.identity().applicationId());
        return PodMutation.inject(pod, template, inject.identity());
      }
    }
  }

  private static String name(Pod pod) {
    String name = pod.getMetadata().getName();
    return name != null ? name : pod.getMetadata().getGenerateName() + "*";
  }
}
