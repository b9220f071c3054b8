package dev.autopilot.backup.store;

/** Where a backup is in its life. */
public enum BackupStatus {
  /** Requested; waiting for a worker. */
  PENDING,
  /** A worker claimed it and is dumping. */
  RUNNING,
  /** Stored, with its size and sha256. */
  COMPLETED,
  /** Could not be taken; the reason says why. */
  FAILED,
  /** Completed, and a restore drill restored it and its checks passed. */
  VERIFIED,
  /** Retention deleted its object from storage; the row stays as history. */
  EXPIRED
}
