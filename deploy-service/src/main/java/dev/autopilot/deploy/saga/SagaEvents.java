package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.StepRecord;
import dev.autopilot.platform.event.v1.DeployFailed;
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

  /** deploy.succeeded, with the time from start to success. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void succeeded(DeploymentRecord d) {
    Long durationMs =
        d.startedAt() == null || d.finishedAt() == null
            ? null
            : d.finishedAt().toEpochMilli() - d.startedAt().toEpochMilli();
    // No bake yet, so nothing to watch after success: watchUntil stays empty.
    outbox.append(
        new DeploySucceeded(d.id(), d.service(), d.environment(), d.version(), durationMs, null));
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
}
