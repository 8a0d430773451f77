package io.costsentry.sidecar.proxy;

import java.util.Map;
import java.util.Objects;

/**
 * Tags a request may carry: it may add tags and name its application or environment when the pod
 * does not, but it may never charge another cost center or contradict the pod's identity.
 */
public final class TagPolicy {
  private TagPolicy() {}

  public static void apply(RequestTrace trace, Map<String, String> requestTags) {
    CallerIdentity identity = trace.identity();
    String costCenter = requestTags.get("costCenter");
    if (costCenter != null && !costCenter.equals(identity.costCenter())) {
      throw new BedrockErrorException(
          BedrockError.of(
              ErrorType.ACCESS_DENIED,
              "This workload is charged to cost center '"
                  + identity.costCenter()
                  + "'; a request cannot charge cost center '"
                  + costCenter
                  + "'"));
    }
    trace.applicationId(refine("applicationId", identity.applicationId(), requestTags));
    trace.environment(refine("environment", identity.environment(), requestTags));
    requestTags.forEach(
        (k, v) -> {
          if (!k.equals("costCenter") && !k.equals("applicationId") && !k.equals("environment")) {
            trace.tags().put(k, v);
          }
        });
  }

  private static String refine(String tag, String fromPod, Map<String, String> requestTags) {
    String fromRequest = requestTags.get(tag);
    if (fromRequest == null || Objects.equals(fromRequest, fromPod)) {
      return fromPod;
    }
    if (fromPod != null) {
      throw new BedrockErrorException(
          BedrockError.of(
              ErrorType.ACCESS_DENIED,
              "This workload's "
                  + tag
                  + " is '"
                  + fromPod
                  + "'; a request cannot change it to '"
                  + fromRequest
                  + "'"));
    }
    return fromRequest;
  }
}
