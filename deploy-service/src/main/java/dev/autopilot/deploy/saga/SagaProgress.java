package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.rollout.SecretRedactor;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.StepOutcome;
import dev.autopilot.deploy.store.StepRecord;
import dev.autopilot.deploy.store.StepRepository;
import dev.autopilot.deploy.store.TargetRepository;
import dev.autopilot.deploy.target.TargetConfig;
import dev.autopilot.platform.event.v1.BackupReason;
import dev.autopilot.platform.event.v1.BackupRequested;
import dev.autopilot.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Moves a deployment on once a step has an outcome: records the step, announces it, then enters the
 * next step (skipping what the target does not need), or ends the deployment. A failure after
 * something was changed (migration, roll-out) rolls back; VALIDATE's refusal rejects. Callers hold
 * the deployment's row lock.
 */
@ApplicationScoped
public class SagaProgress {
  /** Characters of a step's log kept: the command output's 64 KB plus a summary line. */
  static final int STEP_LOG_LIMIT = 66 * 1024;

  private final DeploymentRepository deployments;
  private final StepRepository steps;
  private final TargetRepository targets;
  private final SagaEvents events;
  private final Outbox outbox;

  public SagaProgress(
      DeploymentRepository deployments,
      StepRepository steps,
      TargetRepository targets,
      SagaEvents events,
      Outbox outbox) {
    this.deployments = deployments;
    this.steps = steps;
    this.targets = targets;
    this.events = events;
    this.outbox = outbox;
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
    record(d, step, succeeded ? StepOutcome.SUCCEEDED : StepOutcome.FAILED, summary, detail);
    return succeeded ? afterSuccess(d, step) : afterFailure(d, step, summary);
  }

  /** Records that {@code step} was not needed and moves the deployment on. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord stepSkipped(DeploymentRecord d, Step step, String why) {
    StepRecord record = steps.record(d.id(), step, StepOutcome.SKIPPED, why);
    events.stepCompleted(d, record, why);
    return afterSuccess(d, step);
  }

  /** Rejects a deployment before any step ran (its target is gone). */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord failBeforeStart(DeploymentRecord d, String reason) {
    StepRecord record = steps.record(d.id(), Step.VALIDATE, StepOutcome.FAILED, reason);
    events.stepCompleted(d, record, reason);
    return reject(d, reason);
  }

  /**
   * VALIDATE found no maintenance window open but one opens within the hold horizon: the deployment
   * waits in AWAITING_WINDOW (keeping its service/environment) until {@code until}.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord hold(DeploymentRecord d, String summary, Instant until) {
    record(d, Step.VALIDATE, StepOutcome.HELD, summary, summary);
    deployments.transition(d.id(), DeploymentState.AWAITING_WINDOW, Step.WINDOW, null);
    steps.begin(d.id(), Step.WINDOW);
    return deployments.holdUntil(d.id(), until);
  }

  /** The window a held deployment waits for opened: it is validated again from the start. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord windowOpened(DeploymentRecord d, String summary) {
    record(d, Step.WINDOW, StepOutcome.SUCCEEDED, summary, summary);
    return deployments.transition(d.id(), DeploymentState.VALIDATING, Step.VALIDATE, null);
  }

  /** Ends a deployment on an operator's word: its running step is CANCELLED. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord cancel(DeploymentRecord d, String by) {
    String why = "cancelled by " + by;
    if (d.step() != null && d.state() != DeploymentState.QUEUED) {
      record(d, d.step(), StepOutcome.CANCELLED, why, why);
    }
    return deployments.transition(d.id(), DeploymentState.CANCELLED, d.step(), why);
  }

  /** Rolls a BAKING or SUCCEEDED deployment back on an operator's word. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord rollBackManually(DeploymentRecord d, String by) {
    String why = "manual rollback by " + by;
    if (d.state() == DeploymentState.BAKING) {
      record(d, Step.BAKE, StepOutcome.CANCELLED, why, why);
    }
    return rollBack(d, why);
  }

  /** Enters {@code step}: waits for it, starts it, or skips it when the target does not need it. */
  @Transactional(Transactional.TxType.MANDATORY)
  public DeploymentRecord enter(DeploymentRecord d, Step step) {
    Optional<TargetConfig> found = targets.find(d.service(), d.environment());
    if (found.isEmpty()) {
      return fail(d, step, d.target() + " is no longer configured for deployment");
    }
    TargetConfig target = found.get();
    switch (step) {
      case APPROVE -> {
        if (!target.requiresApproval()) {
          return enter(d, Step.BACKUP);
        }
        DeploymentRecord waiting =
            deployments.transition(d.id(), DeploymentState.AWAITING_APPROVAL, step, null);
        steps.begin(d.id(), step);
        return waiting;
      }
      case BACKUP -> {
        if (target.backupSource() == null) {
          return stepSkipped(d, step, "no backupSource configured for " + d.target());
        }
        DeploymentRecord waiting =
            deployments.transition(d.id(), DeploymentState.BACKING_UP, step, null);
        steps.begin(d.id(), step);
        outbox.append(
            new BackupRequested(target.backupSource(), BackupReason.PRE_DEPLOY, d.id().toString()));
        return waiting;
      }
      case MIGRATE -> {
        if (target.commands().migrate() == null) {
          return stepSkipped(d, step, "no migrate command configured for " + d.target());
        }
        return deployments.transition(d.id(), DeploymentState.MIGRATING, step, null);
      }
      case BAKE -> {
        Duration bake = TargetConfig.duration(target.bakeTime());
        if (bake.isZero()) {
          return stepSkipped(d, step, "bakeTime is 0 for " + d.target());
        }
        deployments.transition(d.id(), DeploymentState.BAKING, step, null);
        steps.begin(d.id(), step);
        return deployments.startBake(d.id(), Instant.now().plus(bake));
      }
      default -> {
        return deployments.transition(d.id(), SagaPlan.stateOf(step), step, null);
      }
    }
  }

  private DeploymentRecord afterSuccess(DeploymentRecord d, Step step) {
    return switch (step) {
      case ROLLBACK -> {
        DeploymentRecord current = deployments.find(d.id()).orElseThrow();
        yield restoreNeeded(current)
            ? deployments.transition(d.id(), DeploymentState.RESTORING, Step.RESTORE, null)
            : rolledBack(current, Step.ROLLBACK);
      }
      case RESTORE -> rolledBack(d, Step.RESTORE);
      case BAKE -> succeed(d);
      default -> enter(d, SagaPlan.after(step).orElseThrow());
    };
  }

  private DeploymentRecord afterFailure(DeploymentRecord d, Step step, String summary) {
    return switch (step) {
      case VALIDATE -> reject(d, summary);
      case APPROVE, BACKUP, WINDOW -> fail(d, step, summary);
      case MIGRATE, ROLLOUT, VERIFY, BAKE -> undoOrFail(d, step, summary);
      case ROLLBACK, RESTORE -> fail(d, step, "rollback failed: " + summary);
    };
  }

  /** Rolls back what was changed, or fails when nothing can be undone. */
  private DeploymentRecord undoOrFail(DeploymentRecord d, Step step, String summary) {
    DeploymentRecord current = deployments.find(d.id()).orElseThrow();
    if (current.rolledOut() && current.previousVersion() == null) {
      return fail(d, step, summary + " (first deployment: no previous version to roll back to)");
    }
    if (current.rolledOut() || restoreNeeded(current)) {
      return rollBack(current, step + " failed: " + summary);
    }
    return fail(d, step, summary);
  }

  private DeploymentRecord rollBack(DeploymentRecord d, String why) {
    deployments.recordRollbackReason(d.id(), why);
    return deployments.transition(d.id(), DeploymentState.ROLLING_BACK, Step.ROLLBACK, null);
  }

  /**
   * The restore point is restored when a migration ran and either it failed (nothing was rolled out
   * after it) or the target's restoreOnRollback policy says so.
   */
  boolean restoreNeeded(DeploymentRecord d) {
    if (!d.migrated() || d.backupId() == null) {
      return false;
    }
    return !d.rolledOut()
        || targets
            .find(d.service(), d.environment())
            .map(TargetConfig::restoreOnRollback)
            .orElse(true);
  }

  private DeploymentRecord succeed(DeploymentRecord d) {
    Duration watch =
        targets
            .find(d.service(), d.environment())
            .map(t -> TargetConfig.duration(t.watchPeriod()))
            .orElse(Duration.ofHours(48));
    deployments.recordWatchUntil(d.id(), Instant.now().plus(watch));
    DeploymentRecord done =
        deployments.transition(d.id(), DeploymentState.SUCCEEDED, Step.BAKE, null);
    events.succeeded(done);
    return done;
  }

  private DeploymentRecord rolledBack(DeploymentRecord d, Step step) {
    DeploymentRecord current = deployments.find(d.id()).orElseThrow();
    DeploymentRecord done =
        deployments.transition(d.id(), DeploymentState.ROLLED_BACK, step, current.rollbackReason());
    events.rolledBack(done);
    return done;
  }

  private DeploymentRecord reject(DeploymentRecord d, String reason) {
    DeploymentRecord rejected =
        deployments.transition(d.id(), DeploymentState.REJECTED, Step.VALIDATE, reason);
    events.rejected(rejected);
    return rejected;
  }

  private DeploymentRecord fail(DeploymentRecord d, Step step, String reason) {
    DeploymentRecord failed = deployments.transition(d.id(), DeploymentState.FAILED, step, reason);
    events.failed(failed);
    return failed;
  }

  private void record(
      DeploymentRecord d, Step step, StepOutcome outcome, String summary, String rawDetail) {
    String detail = stepLog(rawDetail);
    StepRecord record =
        steps
            .finish(d.id(), step, outcome, detail)
            .orElseGet(() -> steps.record(d.id(), step, outcome, detail));
    events.stepCompleted(d, record, SecretRedactor.redact(summary));
  }

  /**
   * Every step log is redacted and bounded, whatever produced it (command output is already; peer
   * answers and webhook messages may not be).
   */
  static String stepLog(String detail) {
    if (detail == null) {
      return null;
    }
    String redacted = SecretRedactor.redact(detail);
    return redacted.length() <= STEP_LOG_LIMIT
        ? redacted
        : "[… "
            + (redacted.length() - STEP_LOG_LIMIT)
            + " earlier characters dropped …]\n"
            + redacted.substring(redacted.length() - STEP_LOG_LIMIT);
  }
}
