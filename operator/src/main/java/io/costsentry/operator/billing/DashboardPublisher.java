package io.costsentry.operator.billing;

import io.costsentry.operator.bedrock.PermanentAwsException;
import io.costsentry.operator.bedrock.TransientAwsException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the CostSentry dashboard, account-wide: at the first reconcile after the operator (or a new
 * leader) starts, then once per billing refresh interval, which repairs edits made in the console.
 */
public final class DashboardPublisher {
  private static final Logger log = LoggerFactory.getLogger(DashboardPublisher.class);

  private final Dashboards dashboards;
  private final String name;
  private final String body;
  private final Clock clock;
  private final Throttle throttle;
  private Problem problem;

  public DashboardPublisher(Dashboards dashboards, BillingConfig config, Clock clock) {
    this.dashboards = dashboards;
    this.name = config.dashboardName();
    this.body = DashboardBody.render(config.region() == null ? "us-east-1" : config.region());
    this.clock = clock;
    this.throttle = new Throttle(config.refreshInterval(), config.retryInterval());
  }

  /** Puts the dashboard when due; the last failure, or {@code null}. */
  public synchronized Problem ensure() {
    Instant now = clock.instant();
    if (throttle.due(now)) {
      try {
        dashboards.put(name, body);
        throttle.succeeded(now);
        problem = null;
        log.info("CloudWatch dashboard {} put", name);
      } catch (PermanentAwsException | TransientAwsException e) {
        throttle.failed(now);
        problem = Problem.of("Dashboard", e);
        log.warn("CloudWatch dashboard {} not put: {}", name, e.getMessage());
      }
    }
    return problem;
  }
}
