package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.TargetRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Starts queued deployments whose service/environment is free, oldest first: records what they
 * replace, announces {@code deploy.started} and hands them to VALIDATE.
 */
@ApplicationScoped
public class SagaStarter {
  private final DeploymentRepository deployments;
  private final TargetRepository targets;
  private final SagaProgress progress;
  private final SagaEvents events;

  public SagaStarter(
      DeploymentRepository deployments,
      TargetRepository targets,
      SagaProgress progress,
      SagaEvents events) {
    this.deployments = deployments;
    this.targets = targets;
    this.progress = progress;
    this.events = events;
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
    if (targets.find(queued.service(), queued.environment()).isEmpty()) {
      // The configuration changed while the deployment waited.
      progress.failBeforeStart(queued, queued.target() + " is no longer configured for deployment");
      return;
    }
    String previous =
        deployments
            .lastSucceeded(queued.service(), queued.environment())
            .map(DeploymentRecord::version)
            .orElse(null);
    events.started(deployments.start(queued.id(), previous));
  }
}
