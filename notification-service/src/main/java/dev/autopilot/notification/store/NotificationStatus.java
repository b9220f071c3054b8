package dev.autopilot.notification.store;

/** Where a notification is in its delivery. */
public enum NotificationStatus {
  /** Waiting for its next send attempt (the first, or a retry after a failure). */
  PENDING,
  /** The channel accepted it (for email: the SMTP server answered 250 to the message). */
  SENT,
  /** Every attempt failed, or a failure was permanent; notification.failed was emitted. */
  FAILED,
  /**
   * Never sent: the mute stage held it (a time interval of its route, or a maintenance window
   * covering its service); the delivery log's MUTED row says which.
   */
  MUTED
}
