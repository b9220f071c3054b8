package dev.autopilot.alert.store;

import java.util.Set;

/** Where an alert is in its life. */
public enum AlertState {
  /** A rule's condition holds but its {@code for} has not elapsed yet; nobody is told. */
  PENDING,
  /** Firing and announced ({@code alert.fired}). */
  FIRING,
  /** Firing and owned by someone; escalation stops. */
  ACKNOWLEDGED,
  /** Active but muted (silence, inhibition, maintenance, down dependency): recorded, not told. */
  SUPPRESSED,
  /** Over. */
  RESOLVED;

  /** The states of an alert that has not ended (at most one per fingerprint). */
  public static final Set<AlertState> ACTIVE = Set.of(PENDING, FIRING, ACKNOWLEDGED, SUPPRESSED);
}
