package dev.autopilot.deploy.saga;

import dev.autopilot.deploy.rollout.StepResult;
import dev.autopilot.deploy.store.DeploymentLeases;
import dev.autopilot.deploy.store.DeploymentRecord;
import dev.autopilot.deploy.store.DeploymentRepository;
import dev.autopilot.deploy.store.DeploymentState;
import dev.autopilot.deploy.store.Step;
import dev.autopilot.deploy.store.StepRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The worker's leases on running steps: claim (a new attempt starts), renew while the step runs,
 * complete (the outcome is recorded only if the lease is still held). Each is its own short
 * transaction; the step itself runs between them, outside any transaction.
 */
@ApplicationScoped
public class StepClaims {
  private final DeploymentRepository deployments;
  private final DeploymentLeases leases;
  private final StepRepository steps;
  private final SagaProgress progress;

  public StepClaims(
      DeploymentRepository deployments,
      DeploymentLeases leases,
      StepRepository steps,
      SagaProgress progress) {
    this.deployments = deployments;
    this.leases = leases;
    this.steps = steps;
    this.progress = progress;
  }

  /** A step this worker holds: run it, then {@link #complete} it. */
  public record Claim(DeploymentRecord deployment, Step step) {}

  /**
   * Leases up to {@code limit} deployments whose running step nobody holds, and starts a new
   * attempt of each (an attempt left RUNNING by a lost worker is marked INTERRUPTED).
   */
  @Transactional
  public List<Claim> claim(String owner, Duration lease, int limit) {
    List<Claim> claims = new ArrayList<>();
    for (DeploymentRecord d : leases.claim(owner, lease, limit)) {
      Step step = SagaPlan.stepOf(d.state());
      steps.begin(d.id(), step);
      claims.add(new Claim(d, step));
    }
    return claims;
  }

  /** Extends this worker's leases; returns how many it still holds. */
  @Transactional
  public int renew(String owner, Collection<UUID> ids, Duration lease) {
    return leases.renew(owner, ids, lease);
  }

  /**
   * Records a step's outcome and moves the deployment on, unless this worker lost its lease (then
   * another worker has taken the step over, or an operator cancelled, and this outcome is dropped).
   * A requested restore keeps its step running until backup.restored; a VALIDATE that found no
   * maintenance window open holds the deployment until the next. Returns whether recorded.
   */
  @Transactional
  public boolean complete(Claim claim, String owner, StepResult result) {
    Optional<DeploymentRecord> held = leases.lockIfLeasedBy(claim.deployment().id(), owner);
    if (held.isEmpty() || held.get().state() != claim.deployment().state()) {
      return false;
    }
    DeploymentRecord d = held.get();
    if (claim.step() == Step.VALIDATE && result.held()) {
      progress.hold(d, result.summary(), result.holdUntil());
      return true;
    }
    if (claim.step() == Step.RESTORE && result.succeeded()) {
      deployments.recordRestore(d.id(), UUID.fromString(result.reference()));
      deployments.transition(d.id(), DeploymentState.RESTORING, Step.RESTORE, null);
      return true;
    }
    progress.stepFinished(d, claim.step(), result.succeeded(), result.summary(), result.detail());
    return true;
  }
}
