package dev.autopilot.platform.event.v1;

/** The state of a health target. */
public enum HealthStatus {
  UP,
  DEGRADED,
  DOWN,
  UNKNOWN,
  MAINTENANCE
}
