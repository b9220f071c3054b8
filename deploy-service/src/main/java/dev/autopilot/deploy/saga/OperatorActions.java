package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.store.AuditRepository;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What operators do to a deployment by hand: approve one waiting for approval, cancel one before
 * anything was changed, roll back one that is baking or is the current version. Each is audited.
 */
@ApplicationScoped
public class OperatorActions {
  /** Cancellable: nothing has been changed on the target yet. */
  static final Set<DeploymentState> CANCELLABLE =
      EnumSet.of(
          DeploymentState.QUEUED,
          DeploymentState.VALIDATING,
          DeploymentState.AWAITING_WINDOW,
          DeploymentState.AWAITING_APPROVAL,
          DeploymentState.BACKING_UP);

  private final DeploymentRepository deployments;
  private final SagaProgress progress;
  private final AuditRepository audit;

  public OperatorActions(
      DeploymentRepository deployments, SagaProgress progress, AuditRepository audit) {
    this.deployments = deployments;
    this.progress = progress;
    this.audit = audit;
  }

  /** Approves a deployment AWAITING_APPROVAL: it goes on to BACKUP. */
  @Transactional
  public DeploymentRecord approve(UUID id, String by) {
    DeploymentRecord d = locked(id);
    if (d.state() != DeploymentState.AWAITING_APPROVAL) {
      throw ProblemException.conflict(
          "deployment " + id + " is " + d.state() + ", not awaiting approval");
    }
    audit.record(by, "approve", "deployment " + id, null);
    String summary = "approved by " + by;
    return progress.stepFinished(d, Step.APPROVE, true, summary, summary);
  }

  /** Cancels a deployment that has not changed anything yet. */
  @Transactional
  public DeploymentRecord cancel(UUID id, String by) {
    DeploymentRecord d = locked(id);
    if (!CANCELLABLE.contains(d.state())) {
      throw ProblemException.conflict(
          "deployment "
              + id
              + " is "
              + d.state()
              + "; only "
              + CANCELLABLE
              + " can be cancelled (roll back a deployment that changed the target)");
    }
    audit.record(by, "cancel", "deployment " + id, null);
    return progress.cancel(d, by);
  }

  /** Rolls back a BAKING deployment, or the SUCCEEDED one that is the target's current version. */
  @Transactional
  public DeploymentRecord rollBack(UUID id, String by, String reason) {
    DeploymentRecord d = locked(id);
    boolean current =
        d.state() == DeploymentState.SUCCEEDED
            && deployments
                .lastSucceeded(d.service(), d.environment())
                .map(last -> last.id().equals(id))
                .orElse(false);
    if (d.state() != DeploymentState.BAKING && !current) {
      throw ProblemException.conflict(
          "deployment "
              + id
              + " is "
              + d.state()
              + "; only a BAKING deployment or the current"
              + " SUCCEEDED one of its target can be rolled back");
    }
    if (d.previousVersion() == null) {
      throw ProblemException.conflict(
          "deployment " + id + " was the first of " + d.target() + ": no previous version");
    }
    if (current
        && deployments.list(d.service(), d.environment(), null, 50).stream()
            .anyMatch(o -> DeploymentState.ACTIVE.contains(o.state()))) {
      throw ProblemException.conflict(d.target() + " has an active deployment; wait or cancel it");
    }
    audit.record(by, "rollback", "deployment " + id, reason);
    return progress.rollBackManually(d, by + (reason == null ? "" : " (" + reason + ")"));
  }

  private DeploymentRecord locked(UUID id) {
    return deployments
        .lock(id)
        .orElseThrow(() -> ProblemException.notFound("deployment " + id + " does not exist"));
  }
}
