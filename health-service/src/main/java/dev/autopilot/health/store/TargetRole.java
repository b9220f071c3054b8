package dev.autopilot.health.store;

/** What a target's probe answers. */
public enum TargetRole {
  /** Is the process running at all. */
  LIVENESS,
  /** Can it serve traffic. */
  READINESS
}
