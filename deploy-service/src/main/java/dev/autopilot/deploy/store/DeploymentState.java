package dev.autopilot.deploy.store;

import java.util.List;

/**
 * Where a deployment is in its saga: QUEUED → VALIDATING → (AWAITING_WINDOW → VALIDATING) →
 * (AWAITING_APPROVAL) → BACKING_UP → MIGRATING → ROLLING_OUT → VERIFYING → BAKING → SUCCEEDED, or
 * ROLLING_BACK → (RESTORING) → ROLLED_BACK | FAILED; REJECTED when VALIDATE refuses, CANCELLED by
 * an operator.
 */
public enum DeploymentState {
  /** Accepted, waiting for its service/environment to be free. */
  QUEUED,
  /** Checking the alert gate, freezes and maintenance windows (worker). */
  VALIDATING,
  /**
   * Held: a maintenance window is required and none is open; waits (owning its service/environment)
   * until {@code hold_until}, when the next window opens, then validates again.
   */
  AWAITING_WINDOW,
  /** Validated; waits for an operator's approval (targets with requiresApproval). */
  AWAITING_APPROVAL,
  /** Waiting for backup-service's pre-deploy restore point. */
  BACKING_UP,
  /** The migrate command runs (worker). */
  MIGRATING,
  /** The deploy command runs (worker). */
  ROLLING_OUT,
  /** The health gate is polled until it passes N times in a row (worker). */
  VERIFYING,
  /** Watching health.degraded / alert.fired for the target until bake_until. */
  BAKING,
  /** The rollback command runs, then the restore is requested when needed (worker). */
  ROLLING_BACK,
  /** Waiting for backup-service's backup.restored. */
  RESTORING,
  /** Every step passed. */
  SUCCEEDED,
  /** A step failed and nothing could (or needed to) be undone, or the rollback itself failed. */
  FAILED,
  /** A later step failed and the change was undone. */
  ROLLED_BACK,
  /** VALIDATE refused it (alert gate, freeze, maintenance window). */
  REJECTED,
  /** An operator cancelled it before anything was changed. */
  CANCELLED;

  /** States in which a deployment owns its service/environment: at most one at a time. */
  public static final List<DeploymentState> ACTIVE =
      List.of(
          VALIDATING,
          AWAITING_WINDOW,
          AWAITING_APPROVAL,
          BACKING_UP,
          MIGRATING,
          ROLLING_OUT,
          VERIFYING,
          BAKING,
          ROLLING_BACK,
          RESTORING);

  /** States whose step runs on a worker thread under a lease. */
  public static final List<DeploymentState> WORKER_RUN =
      List.of(VALIDATING, MIGRATING, ROLLING_OUT, VERIFYING, ROLLING_BACK);

  /** True once the deployment has ended. */
  public boolean terminal() {
    return this == SUCCEEDED
        || this == FAILED
        || this == ROLLED_BACK
        || this == REJECTED
        || this == CANCELLED;
  }

  /** The states as SQL: {@code ('A', 'B')}. */
  public static String sql(List<DeploymentState> states) {
    return "(" + String.join(", ", states.stream().map(s -> "'" + s.name() + "'").toList()) + ")";
  }
}
