package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.StepOutcome;
import dev.autopilot.deploy.store.StepRecord;
import dev.autopilot.deploy.store.StepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Moves a deployment on once a step has an outcome: records the step, announces it, then enters the
 * next step's state, or ends the deployment (SUCCEEDED after the last step, FAILED at the first
 * failure). Callers hold the deployment's row lock.
 */
@ApplicationScoped
public class SagaProgress {
  private final DeploymentRepository deployments;
  private final StepRepository steps;
  private final SagaEvents events;

  public SagaProgress(DeploymentRepository deployments, StepRepository steps, SagaEvents events) {
    this.deployments = deployments;
    this.steps = steps;
    this.events = events;
  }

  /**
   * Finishes the running attempt at {@code step} and moves the deployment on.
   *
   * @param summary one line for the event (and the failure reason)
   * @param detail what the step record keeps
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord stepFinished(
      DeploymentRecord d, Step step, boolean succeeded, String summary, String detail) {
    StepOutcome outcome = succeeded ? StepOutcome.SUCCEEDED : StepOutcome.FAILED;
    StepRecord record =
        steps
            .finish(d.id(), step, outcome, detail)
            .orElseGet(() -> steps.record(d.id(), step, outcome, detail));
    events.stepCompleted(d, record, summary);
    return succeeded ? next(d, step) : fail(d, step, summary);
  }

  /** Records that {@code step} was not needed and moves the deployment on. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord stepSkipped(DeploymentRecord d, Step step, String why) {
    StepRecord record = steps.record(d.id(), step, StepOutcome.SKIPPED, why);
    events.stepCompleted(d, record, why);
    return next(d, step);
  }

  /** Fails a deployment before any step ran (VALIDATE). */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord failBeforeStart(DeploymentRecord d, String reason) {
    StepRecord record = steps.record(d.id(), Step.VALIDATE, StepOutcome.FAILED, reason);
    events.stepCompleted(d, record, reason);
    return fail(d, Step.VALIDATE, reason);
  }

  private DeploymentRecord next(DeploymentRecord d, Step step) {
    Optional<Step> next = SagaPlan.after(step);
    if (next.isPresent()) {
      return deployments.transition(d.id(), SagaPlan.stateOf(next.get()), next.get(), null);
    }
    DeploymentRecord done = deployments.transition(d.id(), DeploymentState.SUCCEEDED, step, null);
    events.succeeded(done);
    return done;
  }

  private DeploymentRecord fail(DeploymentRecord d, Step step, String reason) {
    DeploymentRecord failed = deployments.transition(d.id(), DeploymentState.FAILED, step, reason);
    events.failed(failed);
    return failed;
  }
}
