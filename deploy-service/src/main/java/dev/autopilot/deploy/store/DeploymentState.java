package dev.autopilot.deploy.store;

import java.util.List;

/** Where a deployment is in its saga: QUEUED → BACKING_UP → ROLLING_OUT → VERIFYING → end. */
public enum DeploymentState {
  /** Accepted, waiting for its service/environment to be free. */
  QUEUED,
  /** Waiting for backup-service's pre-deploy restore point. */
  BACKING_UP,
  /** The deploy command runs (or is about to). */
  ROLLING_OUT,
  /** The readiness URL is polled until it answers 200. */
  VERIFYING,
  /** Every step passed. */
  SUCCEEDED,
  /** A step failed; {@code step} and {@code reason} say which and why. */
  FAILED;

  /** States in which a deployment owns its service/environment: at most one at a time. */
  public static final List<DeploymentState> ACTIVE = List.of(BACKING_UP, ROLLING_OUT, VERIFYING);

  /** True once the deployment has ended. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
