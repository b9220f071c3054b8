package dev.autopilot.alert.store;

/** Where an alert is in its life. */
public enum AlertState {
  FIRING,
  RESOLVED
}
