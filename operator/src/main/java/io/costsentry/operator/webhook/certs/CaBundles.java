package io.costsentry.operator.webhook.certs;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the CA bundle into every webhook of the two configurations the operator serves, with a JSON
 * patch of just those fields, and only where it differs (nothing is written in steady state).
 */
final class CaBundles {
  private static final Logger log = LoggerFactory.getLogger(CaBundles.class);

  private final KubernetesClient client;
  private final String mutating;
  private final String validating;

  CaBundles(KubernetesClient client, String mutating, String validating) {
    this.client = client;
    this.mutating = mutating;
    this.validating = validating;
  }

  void ensure(String caBundlePem) {
    String bundle =
        Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
    var mutatingConfigs =
        client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(mutating);
    MutatingWebhookConfiguration m = mutatingConfigs.get();
    ensure(
        "MutatingWebhookConfiguration " + mutating,
        m == null ? null : m.getWebhooks().stream().map(MutatingWebhook::getClientConfig).toList(),
        bundle,
        patch -> mutatingConfigs.patch(PatchContext.of(PatchType.JSON), patch));
    var validatingConfigs =
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(validating);
    ValidatingWebhookConfiguration v = validatingConfigs.get();
    ensure(
        "ValidatingWebhookConfiguration " + validating,
        v == null
            ? null
            : v.getWebhooks().stream().map(ValidatingWebhook::getClientConfig).toList(),
        bundle,
        patch -> validatingConfigs.patch(PatchContext.of(PatchType.JSON), patch));
  }

  /**
   * @param configs {@code null} when the configuration does not exist
   */
  private static void ensure(
      String what, List<WebhookClientConfig> configs, String bundle, Consumer<String> apply) {
    if (configs == null) {
      log.warn("{} not found: its webhook is not called", what);
      return;
    }
    String patch = patch(configs, bundle);
    if (patch != null) {
      apply.accept(patch);
      log.info("CA bundle of {} updated", what);
    }
  }

  /** A JSON patch setting every differing caBundle, or {@code null} when all are right. */
  static String patch(List<WebhookClientConfig> configs, String bundle) {
    List<String> ops = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      WebhookClientConfig c = configs.get(i);
      if (c != null && !bundle.equals(c.getCaBundle())) {
        ops.add(
            "{\"op\":\"add\",\"path\":\"/webhooks/"
                + i
                + "/clientConfig/caBundle\",\"value\":\""
                + bundle
                + "\"}");
      }
    }
    return ops.isEmpty() ? null : "[" + String.join(",", ops) + "]";
  }
}
