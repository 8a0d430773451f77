package io.costsentry.operator.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.webhook.admission.AdmissionRequestHandler;

/**
 * Gives the framework's handlers the request's objects as {@code type}, whatever the JSON reader
 * made of them (a custom resource it does not know reads as a generic resource), and with the
 * request's namespace filled in: the API server sends pods created by controllers without one.
 */
final class TypedAdmission<T extends HasMetadata> implements AdmissionRequestHandler {
  private final Class<T> type;
  private final AdmissionRequestHandler delegate;

  TypedAdmission(Class<T> type, AdmissionRequestHandler delegate) {
    this.type = type;
    this.delegate = delegate;
  }

  @Override
  public AdmissionResponse handle(AdmissionRequest request) {
    request.setObject(typed(request.getObject(), request.getNamespace()));
    request.setOldObject(typed(request.getOldObject(), request.getNamespace()));
    return delegate.handle(request);
  }

  private T typed(Object object, String namespace) {
    if (object == null) {
      return null;
    }
    T resource =
        type.isInstance(object)
            ? type.cast(object)
            : Serialization.jsonMapper().convertValue(object, type);
    if (namespace != null
        && !namespace.isBlank()
        && resource.getMetadata() != null
        && resource.getMetadata().getNamespace() == null) {
      resource.getMetadata().setNamespace(namespace);
    }
    return resource;
  }
}
