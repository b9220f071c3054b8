package dev.autopilot.backup.intake;

/** Reactive Messaging channel names of backup-service, shared by code, config and tests. */
public final class Channels {
  public static final String BACKUP_REQUESTED = "backup-requested";

  private Channels() {}
}
