package dev.autopilot.backup.restore;

/**
 * How one run of a restore ended.
 *
 * @param failureReason null when it succeeded
 * @param seconds how long verification and restore took
 */
public record RestoreOutcome(String failureReason, double seconds) {
  /** True when the backup was restored. */
  public boolean ok() {
    return failureReason == null;
  }
}
