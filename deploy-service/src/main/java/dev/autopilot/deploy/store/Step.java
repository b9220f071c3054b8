package dev.autopilot.deploy.store;

/** A saga step, named as in {@code deploy.step.completed}. */
public enum Step {
  VALIDATE,
  APPROVE,
  BACKUP,
  MIGRATE,
  ROLLOUT,
  VERIFY,
  BAKE,
  ROLLBACK,
  RESTORE
}
