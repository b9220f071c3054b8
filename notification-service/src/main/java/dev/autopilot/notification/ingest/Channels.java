package dev.autopilot.notification.ingest;

/** Reactive Messaging channel names of notification-service, shared by code, config and tests. */
public final class Channels {
  public static final String ALERT_FIRED = "alert-fired";
  public static final String ALERT_RESOLVED = "alert-resolved";
  public static final String ALERT_ACKNOWLEDGED = "alert-acknowledged";
  public static final String ALERT_SUPPRESSED = "alert-suppressed";
  public static final String DEPLOY_STARTED = "deploy-started";
  public static final String DEPLOY_SUCCEEDED = "deploy-succeeded";
  public static final String DEPLOY_FAILED = "deploy-failed";
  public static final String DEPLOY_ROLLED_BACK = "deploy-rolled-back";
  public static final String DEPLOY_REJECTED = "deploy-rejected";
  public static final String BACKUP_RESTORED = "backup-restored";
  public static final String BACKUP_FAILED = "backup-failed";
  public static final String BACKUP_COMPLETED = "backup-completed";
  public static final String BACKUP_VERIFIED = "backup-verified";
  public static final String MAINTENANCE_SCHEDULED = "maintenance-scheduled";
  public static final String MAINTENANCE_STARTED = "maintenance-started";
  public static final String MAINTENANCE_ENDED = "maintenance-ended";
  public static final String HEALTH_DEGRADED = "health-degraded";
  public static final String HEALTH_RECOVERED = "health-recovered";

  private Channels() {}
}
