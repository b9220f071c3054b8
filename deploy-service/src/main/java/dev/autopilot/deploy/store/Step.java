package dev.autopilot.deploy.store;

/** A saga step, named as in {@code deploy.step.completed}. */
public enum Step {
  VALIDATE,
  /**
   * Held until the next maintenance window opens (VALIDATE found none open); then VALIDATE again.
   */
  WINDOW,
  APPROVE,
  BACKUP,
  MIGRATE,
  ROLLOUT,
  VERIFY,
  BAKE,
  ROLLBACK,
  RESTORE
}
