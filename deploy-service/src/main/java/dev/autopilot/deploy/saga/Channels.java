package dev.autopilot.deploy.saga;

/** Reactive Messaging channel names the saga listens on, shared by code, config and tests. */
public final class Channels {
  public static final String BACKUP_COMPLETED = "backup-completed";
  public static final String BACKUP_FAILED = "backup-failed";

  private Channels() {}
}
