package dev.autopilot.deploy.saga;

/** Reactive Messaging channel names the saga listens on, shared by code, config and tests. */
public final class Channels {
  public static final String BACKUP_COMPLETED = "backup-completed";
  public static final String BACKUP_FAILED = "backup-failed";
  public static final String BACKUP_RESTORED = "backup-restored";
  public static final String HEALTH_DEGRADED = "health-degraded";
  public static final String ALERT_FIRED = "alert-fired";

  private Channels() {}
}
