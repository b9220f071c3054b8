package dev.autopilot.alert.mute;

import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.lifecycle.Suppressions;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Periodically re-judges muting, both ways. Suppressed alerts whose silence expired, maintenance
 * window ended, inhibiting alert resolved or down dependency recovered go back (FIRING with {@code
 * alert.fired}, or ACKNOWLEDGED). Firing and acknowledged alerts that a silence (one that started
 * by its {@code startsAt}), a maintenance window or an inhibition now holds are suppressed — as
 * Alertmanager mutes at every notification, not only when an alert arrives. The inhibit rules made
 * on other replicas are re-read first. Replica-safe: rows are claimed with {@code for update skip
 * locked} or changed by conditional UPDATEs.
 */
@ApplicationScoped
public class SuppressionRecheck {
  private static final int BATCH = 500;
  private static final String ACTOR = "alert-service";

  private final Suppressions suppressions;
  private final Inhibitor inhibitor;

  public SuppressionRecheck(Suppressions suppressions, Inhibitor inhibitor) {
    this.suppressions = suppressions;
    this.inhibitor = inhibitor;
  }

  @Scheduled(
      every = "${alert.suppression.recheck-interval:5s}",
      delayed = "${alert.suppression.recheck-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void recheck() {
    inhibitor.refresh();
    suppressions.recheckSuppressed(BATCH);
    suppressions.muteActive(ACTOR);
  }
}
