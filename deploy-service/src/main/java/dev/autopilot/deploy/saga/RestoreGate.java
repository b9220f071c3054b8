package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.BackupRestored;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A RESTORING deployment ends when backup-service reports the restore of its restore point
 * (backup.restored, matched by correlationId = deployment id): ROLLED_BACK when ok, FAILED when not
 * or when no answer came within the target's restoreTimeout.
 */
@ApplicationScoped
public class RestoreGate {
  private static final int TIMEOUT_BATCH = 50;

  private final DeploymentRepository deployments;
  private final SagaProgress progress;
  private final TargetRepository targets;

  public RestoreGate(
      DeploymentRepository deployments, SagaProgress progress, TargetRepository targets) {
    this.deployments = deployments;
    this.progress = progress;
    this.targets = targets;
  }

  /** A restore finished; if it restored a deployment's restore point, that deployment ends. */
  @Transactional
  public void restored(BackupRestored restore) {
    Optional<DeploymentRecord> d =
        BackupGate.deploymentId(restore.correlationId())
            .flatMap(deployments::lock)
            .filter(r -> r.state() == DeploymentState.RESTORING && r.restoreId() != null);
    if (d.isEmpty()) {
      return;
    }
    boolean ok = Boolean.TRUE.equals(restore.ok());
    String summary =
        ok
            ? "restore point "
                + restore.backupId()
                + " restored into "
                + restore.target()
                + (restore.restoreSeconds() == null ? "" : " in " + restore.restoreSeconds() + " s")
            : "restore of " + restore.backupId() + " failed: " + restore.reason();
    progress.stepFinished(d.get(), Step.RESTORE, ok, summary, summary);
  }

  /** Fails deployments whose restore was confirmed longer ago than their restoreTimeout. */
  @Transactional
  public int timeOut() {
    int failed = 0;
    Instant now = Instant.now();
    for (DeploymentRecord d : deployments.lockInState(DeploymentState.RESTORING, TIMEOUT_BATCH)) {
      if (d.restoreId() == null) {
        continue;
      }
      Duration timeout =
          targets
              .find(d.service(), d.environment())
              .map(t -> TargetConfig.duration(t.restoreTimeout()))
              .orElse(Duration.ZERO);
      if (d.updatedAt().plus(timeout).isBefore(now)) {
        String summary = "no backup.restored for restore " + d.restoreId() + " within " + timeout;
        progress.stepFinished(d, Step.RESTORE, false, summary, summary);
        failed++;
      }
    }
    return failed;
  }
}
