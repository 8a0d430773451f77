package io.costsentry.operator.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/operator-rbac.yaml}: what it grants, checked request by request (the ITs replay the
 * operator's real requests against it).
 */
class DocumentedRbacTest {
  private final DocumentedRbac rbac = DocumentedRbac.load();

  @Test
  void theOperatorWatchesPatchesAndWritesStatusButNeverCreatesOrDeletesItsResources() {
    for (String kind : new String[] {"modelaliases", "costcenterbudgets"}) {
      assertThat(allowed("GET", "/apis/costsentry.io/v1alpha1/" + kind + "?watch=true")).isTrue();
      assertThat(allowed("GET", "/apis/costsentry.io/v1alpha1/" + kind)).isTrue();
      assertThat(allowed("PATCH", "/apis/costsentry.io/v1alpha1/" + kind + "/x")).isTrue();
      assertThat(allowed("PATCH", "/apis/costsentry.io/v1alpha1/" + kind + "/x/status")).isTrue();
      assertThat(allowed("POST", "/apis/costsentry.io/v1alpha1/" + kind)).isFalse();
      assertThat(allowed("DELETE", "/apis/costsentry.io/v1alpha1/" + kind + "/x")).isFalse();
      assertThat(allowed("PUT", "/apis/costsentry.io/v1alpha1/" + kind + "/x")).isFalse();
    }
    assertThat(allowed("POST", "/api/v1/namespaces/default/events")).isTrue();
    assertThat(allowed("DELETE", "/api/v1/namespaces/default/events/e")).isFalse();
    assertThat(allowed("GET", "/api/v1/namespaces/default/secrets")).isFalse();
  }

  @Test
  void leasesOnlyInTheOperatorsNamespaceWithTheVerbsJosdkChecks() {
    String lease = "/apis/coordination.k8s.io/v1/namespaces/%s/leases/costsentry-operator";
    assertThat(allowed("GET", lease.formatted("costsentry-system"))).isTrue();
    assertThat(allowed("PUT", lease.formatted("costsentry-system"))).isTrue();
    assertThat(allowed("PATCH", lease.formatted("costsentry-system"))).isTrue();
    assertThat(allowed("POST", "/apis/coordination.k8s.io/v1/namespaces/costsentry-system/leases"))
        .isTrue();
    assertThat(allowed("GET", lease.formatted("kube-system"))).isFalse();
    assertThat(rbac.role("costsentry-operator-leader-election").getRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getVerbs()).contains("get", "create", "update", "patch"));
  }

  @Test
  void webhookCertificateSecretAndCaBundlesOnlyByName() {
    String secret = "/api/v1/namespaces/%s/secrets/costsentry-webhook-tls";
    assertThat(allowed("GET", secret.formatted("costsentry-system"))).isTrue();
    assertThat(allowed("PUT", secret.formatted("costsentry-system"))).isTrue();
    assertThat(allowed("POST", "/api/v1/namespaces/costsentry-system/secrets")).isTrue();
    assertThat(allowed("GET", "/api/v1/namespaces/costsentry-system/secrets/other")).isFalse();
    assertThat(allowed("GET", "/api/v1/namespaces/costsentry-system/secrets")).isFalse();
    assertThat(allowed("GET", secret.formatted("default"))).isFalse();
    String hooks = "/apis/admissionregistration.k8s.io/v1/";
    assertThat(
            allowed("PATCH", hooks + "mutatingwebhookconfigurations/costsentry-sidecar-injector"))
        .isTrue();
    assertThat(
            allowed("PATCH", hooks + "validatingwebhookconfigurations/costsentry-budget-validator"))
        .isTrue();
    assertThat(allowed("PATCH", hooks + "mutatingwebhookconfigurations/someone-elses")).isFalse();
    assertThat(allowed("GET", "/api/v1/namespaces?watch=true")).isTrue();
    assertThat(allowed("PATCH", "/api/v1/namespaces/default")).isFalse();
    assertThat(allowed("GET", "/api/v1/namespaces/default/pods")).isFalse();
  }

  @Test
  void requestsAreClassifiedAsTheApiServerDoes() {
    assertThat(ApiRequest.of("GET", "/apis/costsentry.io/v1alpha1/costcenterbudgets?watch=true"))
        .isEqualTo(new ApiRequest("watch", "costsentry.io", "costcenterbudgets", null, null));
    assertThat(ApiRequest.of("PATCH", "/apis/costsentry.io/v1alpha1/modelaliases/a/status"))
        .isEqualTo(new ApiRequest("patch", "costsentry.io", "modelaliases/status", null, "a"));
    assertThat(ApiRequest.of("POST", "/api/v1/namespaces/default/events"))
        .isEqualTo(new ApiRequest("create", "", "events", "default", null));
    assertThat(ApiRequest.of("GET", "/version")).isNull();
  }

  private boolean allowed(String method, String path) {
    return rbac.allows(ApiRequest.of(method, path), "costsentry-system");
  }
}
