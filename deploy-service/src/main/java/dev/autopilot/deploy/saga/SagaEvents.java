package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.StepRecord;
import dev.autopilot.platform.event.v1.DeployFailed;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRolledBack;
import dev.autopilot.platform.event.v1.DeployStarted;
import dev.autopilot.platform.event.v1.DeployStepCompleted;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The saga's events, appended to the outbox in the transaction of the change they announce. */
@ApplicationScoped
public class SagaEvents {
  /** Step detail in events is a summary; the full (bounded) output stays with the step. */
  static final int EVENT_DETAIL_LIMIT = 1000;

  private final Outbox outbox;

  public SagaEvents(Outbox outbox) {
    this.outbox = outbox;
  }

  /** deploy.started. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void started(DeploymentRecord d) {
    outbox.append(
        new DeployStarted(d.id(), d.service(), d.environment(), d.version(), d.previousVersion()));
  }

  /** deploy.step.completed for one finished attempt. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void stepCompleted(DeploymentRecord d, StepRecord step, String summary) {
    outbox.append(
        new DeployStepCompleted(
            d.id(),
            d.service(),
            d.environment(),
            step.step().name(),
            step.outcome().name(),
            step.durationMs(),
            summary == null || summary.length() <= EVENT_DETAIL_LIMIT
                ? summary
                : summary.substring(0, EVENT_DETAIL_LIMIT) + "…"));
  }

  /** deploy.succeeded, with the time from start to success and the watch window's end. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void succeeded(DeploymentRecord d) {
    outbox.append(
        new DeploySucceeded(
            d.id(), d.service(), d.environment(), d.version(), d.durationMs(), d.watchUntil()));
  }

  /** deploy.failed, naming the step and the reason. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void failed(DeploymentRecord d) {
    outbox.append(
        new DeployFailed(
            d.id(),
            d.service(),
            d.environment(),
            d.version(),
            d.step() == null ? null : d.step().name(),
            d.reason()));
  }

  /** deploy.rejected: VALIDATE refused a deployment that was accepted and queued. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void rejected(DeploymentRecord d) {
    outbox.append(
        new DeployRejected(
            d.service(), d.environment(), d.version(), d.reason(), d.idempotencyKey()));
  }

  /** deploy.rolled_back: from this deployment's version back to the previous one. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void rolledBack(DeploymentRecord d) {
    outbox.append(
        new DeployRolledBack(
            d.id(),
            d.service(),
            d.environment(),
            d.version(),
            d.previousVersion(),
            d.rollbackReason()));
  }
}
