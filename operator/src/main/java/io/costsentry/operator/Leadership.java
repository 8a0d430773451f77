package io.costsentry.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this replica holds the Lease, and what it does when it stops holding it.
 *
 * <p>A replica that lost its Lease must stop reconciling at once, or two replicas write the same
 * records and profiles. JOSDK 5 does not stop its reconcilers then: it exits the process, from the
 * thread that noticed the loss. That thread is also the one calling {@code Operator.stop()}, and in
 * a shutdown hook {@code System.exit} blocks for ever (the JVM waits for the hook that waits for
 * the exit), so a leader receiving SIGTERM would hang until it is killed. JOSDK's exit is therefore
 * turned off ({@link LeaderElection}) and the loss is handled here: by default the process exits
 * from a thread of its own, which never blocks the caller.
 */
public final class Leadership {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final AtomicBoolean leading = new AtomicBoolean();
  private final Runnable onLost;

  /**
   * @param onLost run once each time this replica stops leading, on the thread that noticed it
   */
  public Leadership(Runnable onLost) {
    this.onLost = onLost;
  }

  /** Exits the process with status 1 when the Lease is lost, so it restarts as a standby. */
  public static Leadership exitingOnLoss() {
    return new Leadership(Leadership::exitInBackground);
  }

  /** Whether this replica reconciles now: it holds the Lease, or runs without election. */
  public boolean isLeader() {
    return leading.get();
  }

  /** Without leader election the single replica always leads. */
  void leadWithoutElection() {
    leading.set(true);
  }

  LeaderCallbacks callbacks() {
    return new LeaderCallbacks(this::started, this::stopped, newLeader -> {});
  }

  void started() {
    leading.set(true);
    log.info("leading: this replica reconciles now");
  }

  void stopped() {
    if (leading.getAndSet(false)) {
      log.warn("stopped leading: the Lease is lost or this replica is stopping");
      onLost.run();
    }
  }

  private static void exitInBackground() {
    Thread exit = new Thread(() -> System.exit(1), "costsentry-operator-lease-lost");
    exit.setDaemon(true);
    exit.start();
  }
}
