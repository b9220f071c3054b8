package dev.autopilot.alert.ingest;

/** Reactive Messaging channel names of alert-service, shared by code, config and tests. */
public final class Channels {
  public static final String HEALTH_DEGRADED = "health-degraded";
  public static final String HEALTH_RECOVERED = "health-recovered";
  public static final String DEPLOY_SUCCEEDED = "deploy-succeeded";
  public static final String MAINTENANCE_STARTED = "maintenance-started";
  public static final String MAINTENANCE_ENDED = "maintenance-ended";
  public static final String BACKUP_COMPLETED = "backup-completed";
  public static final String BACKUP_FAILED = "backup-failed";
  public static final String BACKUP_VERIFIED = "backup-verified";
  public static final String DEPLOY_FAILED = "deploy-failed";
  public static final String DEPLOY_ROLLED_BACK = "deploy-rolled-back";
  public static final String NOTIFICATION_FAILED = "notification-failed";
  public static final String METRICS_SAMPLES = "metrics-samples";

  private Channels() {}
}
