package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * No deploy without a restore point: a deployment BACKING_UP moves on when backup-service reports
 * its backup completed (matched by correlationId, the deployment id), and fails when the backup
 * failed or no answer came within {@code backup-timeout}. Backups of anything else are ignored.
 */
@ApplicationScoped
public class BackupGate {
  private static final Logger LOG = Logger.getLogger(BackupGate.class);
  private static final int TIMEOUT_BATCH = 50;

  private final DeploymentRepository deployments;
  private final SagaProgress progress;
  private final TargetRepository targets;

  public BackupGate(
      DeploymentRepository deployments, SagaProgress progress, TargetRepository targets) {
    this.deployments = deployments;
    this.progress = progress;
    this.targets = targets;
  }

  /** A backup completed; if it is a deployment's restore point, that deployment rolls out. */
  @Transactional
  public void completed(BackupCompleted backup) {
    waiting(backup.correlationId())
        .ifPresent(
            d -> {
              deployments.recordBackup(d.id(), backup.backupId());
              String summary =
                  "backup "
                      + backup.backupId()
                      + " of "
                      + backup.source()
                      + (backup.location() == null ? "" : " stored at " + backup.location());
              progress.stepFinished(d, Step.BACKUP, true, summary, summary);
            });
  }

  /** A backup failed; if it was a deployment's restore point, that deployment fails. */
  @Transactional
  public void failed(BackupFailed backup) {
    waiting(backup.correlationId())
        .ifPresent(
            d -> {
              String summary =
                  "pre-deploy backup of "
                      + backup.source()
                      + " failed: "
                      + (backup.reason() == null ? "no reason given" : backup.reason());
              progress.stepFinished(d, Step.BACKUP, false, summary, summary);
            });
  }

  /** Fails deployments whose backup was requested longer ago than their backup-timeout. */
  @Transactional
  public int timeOut() {
    int failed = 0;
    Instant now = Instant.now();
    for (DeploymentRecord d : deployments.lockInState(DeploymentState.BACKING_UP, TIMEOUT_BATCH)) {
      Duration timeout =
          targets
              .find(d.service(), d.environment())
              .map(t -> TargetConfig.duration(t.backupTimeout()))
              .orElse(Duration.ZERO);
      if (d.updatedAt().plus(timeout).isBefore(now)) {
        String summary = "no answer from backup-service within " + timeout;
        progress.stepFinished(d, Step.BACKUP, false, summary, summary);
        failed++;
      }
    }
    return failed;
  }

  /** The deployment BACKING_UP whose id is this correlation id, locked. */
  static Optional<UUID> deploymentId(String correlationId) {
    if (correlationId == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(correlationId));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<DeploymentRecord> waiting(String correlationId) {
    if (correlationId == null) {
      return Optional.empty();
    }
    UUID id;
    try {
      id = UUID.fromString(correlationId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Optional<DeploymentRecord> d = deployments.lock(id);
    if (d.isPresent() && d.get().state() != DeploymentState.BACKING_UP) {
      LOG.debugf("backup answer for deployment %s ignored: it is %s", id, d.get().state());
      return Optional.empty();
    }
    return d;
  }
}
