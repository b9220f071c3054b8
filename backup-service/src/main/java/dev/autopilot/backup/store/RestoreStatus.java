package dev.autopilot.backup.store;

/** Where a restore is in its life. */
public enum RestoreStatus {
  /** Requested; nothing happens until someone confirms it with its token before it expires. */
  AWAITING_CONFIRMATION,
  /** Confirmed; a worker verifies the backup and restores it. */
  RUNNING,
  /** Restored into its target. */
  SUCCEEDED,
  /** Refused or failed; the reason says why. */
  FAILED
}
