package dev.autopilot.alert.mute;

import dev.autopilot.alert.lifecycle.AlertLifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Periodically rechecks suppressed alerts: when the silence expired, the maintenance window ended,
 * the inhibiting alert resolved or the down dependency recovered, the still-active alert fires.
 * Replica-safe: rows are claimed with {@code for update skip locked}.
 */
@ApplicationScoped
public class SuppressionRecheck {
  private static final int BATCH = 500;

  private final AlertLifecycle lifecycle;

  public SuppressionRecheck(AlertLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Scheduled(
      every = "${alert.suppression.recheck-interval:5s}",
      delayed = "${alert.suppression.recheck-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void recheck() {
    lifecycle.recheckSuppressed(BATCH);
  }
}
