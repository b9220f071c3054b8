package dev.autopilot.deploy.store;

/** How one attempt at a step ended (or that it has not yet). */
public enum StepOutcome {
  /** Started, not finished. */
  RUNNING,
  SUCCEEDED,
  FAILED,
  /** Not needed for this deployment (no backup source, no migrate command, no bake time). */
  SKIPPED,
  /** Its worker was lost (crash, restart, lapsed claim); a new attempt follows. */
  INTERRUPTED,
  /** VALIDATE found no maintenance window open: the deployment waits for the next (step WINDOW). */
  HELD,
  /** Ended by an operator (cancel, manual rollback). */
  CANCELLED
}
