package io.costsentry.operator.it;

import io.costsentry.operator.bedrock.InferenceProfiles;
import io.costsentry.operator.bedrock.ProfileState;
import io.costsentry.operator.bedrock.ResolvedModel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The Bedrock adapter of one operator replica, counting the calls that replica makes. */
final class CountingProfiles implements InferenceProfiles {
  private final InferenceProfiles delegate;
  private final AtomicInteger calls = new AtomicInteger();

  CountingProfiles(InferenceProfiles delegate) {
    this.delegate = delegate;
  }

  /** Calls of any kind made through this replica. */
  int calls() {
    return calls.get();
  }

  @Override
  public ResolvedModel resolveModel(String modelId) {
    calls.incrementAndGet();
    return delegate.resolveModel(modelId);
  }

  @Override
  public ProfileState ensure(
      String name, String modelSourceArn, Map<String, String> tags, String knownArn) {
    calls.incrementAndGet();
    return delegate.ensure(name, modelSourceArn, tags, knownArn);
  }

  @Override
  public Optional<ProfileState> find(String name) {
    calls.incrementAndGet();
    return delegate.find(name);
  }

  @Override
  public void delete(String arn) {
    calls.incrementAndGet();
    delegate.delete(arn);
  }
}
