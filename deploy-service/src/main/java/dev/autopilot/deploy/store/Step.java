package dev.autopilot.deploy.store;

/**
 * A saga step, named as in {@code deploy.step.completed}. The walking skeleton runs BACKUP, ROLLOUT
 * and VERIFY; VALIDATE names failures found before the first step.
 */
public enum Step {
  VALIDATE,
  BACKUP,
  ROLLOUT,
  VERIFY
}
