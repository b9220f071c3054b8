package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.StepRepository;
import dev.autopilot.platform.event.v1.BackupReason;
import dev.autopilot.platform.event.v1.BackupRequested;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Starts queued deployments whose service/environment is free, oldest first: records what they
 * replace, announces {@code deploy.started} and asks backup-service for a restore point (or skips
 * the backup when the service has no backup source).
 */
@ApplicationScoped
public class SagaStarter {
  private final DeploymentRepository deployments;
  private final StepRepository steps;
  private final SagaProgress progress;
  private final SagaEvents events;
  private final Outbox outbox;
  private final DeployConfig config;

  public SagaStarter(
      DeploymentRepository deployments,
      StepRepository steps,
      SagaProgress progress,
      SagaEvents events,
      Outbox outbox,
      DeployConfig config) {
    this.deployments = deployments;
    this.steps = steps;
    this.progress = progress;
    this.events = events;
    this.outbox = outbox;
    this.config = config;
  }

  /** Starts the next startable deployment, if any; returns whether one was started. */
  @Transactional
  public boolean startNext() {
    List<DeploymentRecord> startable = deployments.lockStartable(1);
    if (startable.isEmpty()) {
      return false;
    }
    start(startable.get(0));
    return true;
  }

  private void start(DeploymentRecord queued) {
    DeployConfig.Service service = config.services().get(queued.service());
    if (service == null || !service.environments().contains(queued.environment())) {
      // The configuration changed while the deployment waited.
      progress.failBeforeStart(queued, queued.target() + " is no longer configured for deployment");
      return;
    }
    String previous =
        deployments.lastSucceededVersion(queued.service(), queued.environment()).orElse(null);
    DeploymentRecord started =
        deployments.start(queued.id(), previous, DeploymentState.BACKING_UP, Step.BACKUP);
    events.started(started);
    Optional<String> source = service.backupSource();
    if (source.isEmpty()) {
      progress.stepSkipped(
          started, Step.BACKUP, "no backup-source configured for " + queued.service());
      return;
    }
    steps.begin(started.id(), Step.BACKUP);
    outbox.append(
        new BackupRequested(source.get(), BackupReason.PRE_DEPLOY, started.id().toString()));
  }
}
