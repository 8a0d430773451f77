package io.costsentry.bench.operator;

import java.util.function.Function;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the calls an AWS SDK client makes, on the client side: one per call (retries are counted
 * separately as attempts), keyed by operation plus an optional detail of the request (which record
 * a PutItem writes), the time spent in them, and a number read from some responses (summaries in a
 * ListInferenceProfiles page).
 */
final class CallCounter implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> START =
      new ExecutionAttribute<>("costsentry-bench-call-start");

  private final Counts calls = new Counts();
  private final Counts attempts = new Counts();
  private final Counts nanos = new Counts();
  private final Counts items = new Counts();
  private final Function<SdkRequest, String> detail;
  private final Function<SdkResponse, Integer> itemCount;

  /**
   * @param detail a suffix to the operation name for this request, or {@code null}
   * @param itemCount items in a response worth counting, or {@code null}
   */
  CallCounter(Function<SdkRequest, String> detail, Function<SdkResponse, Integer> itemCount) {
    this.detail = detail;
    this.itemCount = itemCount;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(START, System.nanoTime());
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    attempts.increment(key(context.request(), attributes));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String key = key(context.request(), attributes);
    done(key, attributes);
    if (itemCount != null) {
      Integer n = itemCount.apply(context.response());
      if (n != null) {
        items.add(key, n);
      }
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    done(key(context.request(), attributes) + " (failed)", attributes);
  }

  private void done(String key, ExecutionAttributes attributes) {
    calls.increment(key);
    Long start = attributes.getAttribute(START);
    if (start != null) {
      nanos.add(key, System.nanoTime() - start);
    }
  }

  private String key(SdkRequest request, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    String suffix = detail == null ? null : detail.apply(request);
    return suffix == null ? operation : operation + " " + suffix;
  }

  Counts.Snapshot calls() {
    return calls.snapshot();
  }

  Counts.Snapshot attempts() {
    return attempts.snapshot();
  }

  Counts.Snapshot nanos() {
    return nanos.snapshot();
  }

  Counts.Snapshot items() {
    return items.snapshot();
  }
}
