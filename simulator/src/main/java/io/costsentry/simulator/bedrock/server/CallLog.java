package io.costsentry.simulator.bedrock.server;

import io.costsentry.simulator.bedrock.RecordedCall;
import io.costsentry.simulator.bedrock.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * The calls answered so far, in arrival order of their answers. A call is added <em>before</em> the
 * last bytes of its response are written, so a client that has its response can already see its
 * call here; if that last write then fails, the entry is updated in place.
 */
public final class CallLog {
  private final List<AtomicReference<RecordedCall>> entries = new ArrayList<>();

  /** A recorded call that may still change (e.g. turn out abandoned by the client). */
  public static final class Entry {
    private final AtomicReference<RecordedCall> call;

    private Entry(AtomicReference<RecordedCall> call) {
      this.call = call;
    }

    void update(UnaryOperator<RecordedCall> change) {
      call.updateAndGet(change);
    }
  }

  synchronized Entry add(RecordedCall call) {
    AtomicReference<RecordedCall> entry = new AtomicReference<>(call);
    entries.add(entry);
    return new Entry(entry);
  }

  /** A snapshot of the calls, oldest first. */
  public synchronized List<RecordedCall> calls() {
    List<RecordedCall> snapshot = new ArrayList<>(entries.size());
    entries.forEach(entry -> snapshot.add(entry.get()));
    return List.copyOf(snapshot);
  }

  /** The sum of one usage field over all calls (failed calls carry none). */
  public synchronized long total(ToIntFunction<Usage> field) {
    long total = 0;
    for (AtomicReference<RecordedCall> entry : entries) {
      total += field.applyAsInt(entry.get().usage());
    }
    return total;
  }

  public synchronized void clear() {
    entries.clear();
  }
}
