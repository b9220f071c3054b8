package dev.autopilot.platform.event;

import java.util.List;
import java.util.Set;

/**
 * Kafka topic names of the event catalog (docs/events.md), shared by producers, consumers and
 * tests.
 */
public final class Topics {
  public static final String DEPLOY_REQUESTED = "deploy.requested";
  public static final String DEPLOY_REJECTED = "deploy.rejected";
  public static final String DEPLOY_STARTED = "deploy.started";
  public static final String DEPLOY_STEP_COMPLETED = "deploy.step.completed";
  public static final String DEPLOY_SUCCEEDED = "deploy.succeeded";
  public static final String DEPLOY_FAILED = "deploy.failed";
  public static final String DEPLOY_ROLLED_BACK = "deploy.rolled_back";
  public static final String BACKUP_REQUESTED = "backup.requested";
  public static final String BACKUP_COMPLETED = "backup.completed";
  public static final String BACKUP_FAILED = "backup.failed";
  public static final String BACKUP_VERIFIED = "backup.verified";
  public static final String BACKUP_RESTORED = "backup.restored";
  public static final String HEALTH_DEGRADED = "health.degraded";
  public static final String HEALTH_RECOVERED = "health.recovered";
  public static final String ALERT_FIRED = "alert.fired";
  public static final String ALERT_RESOLVED = "alert.resolved";
  public static final String ALERT_ACKNOWLEDGED = "alert.acknowledged";
  public static final String ALERT_SUPPRESSED = "alert.suppressed";
  public static final String NOTIFICATION_FAILED = "notification.failed";
  public static final String MAINTENANCE_SCHEDULED = "maintenance.scheduled";
  public static final String MAINTENANCE_STARTED = "maintenance.started";
  public static final String MAINTENANCE_ENDED = "maintenance.ended";
  public static final String METRICS_SAMPLES = "metrics.samples";

  /** Suffix of the dead-letter topic that belongs to every topic. */
  public static final String DLQ_SUFFIX = ".dlq";

  /** Every event topic of the catalog. */
  public static final List<String> ALL =
      List.of(
          DEPLOY_REQUESTED,
          DEPLOY_REJECTED,
          DEPLOY_STARTED,
          DEPLOY_STEP_COMPLETED,
          DEPLOY_SUCCEEDED,
          DEPLOY_FAILED,
          DEPLOY_ROLLED_BACK,
          BACKUP_REQUESTED,
          BACKUP_COMPLETED,
          BACKUP_FAILED,
          BACKUP_VERIFIED,
          BACKUP_RESTORED,
          HEALTH_DEGRADED,
          HEALTH_RECOVERED,
          ALERT_FIRED,
          ALERT_RESOLVED,
          ALERT_ACKNOWLEDGED,
          ALERT_SUPPRESSED,
          NOTIFICATION_FAILED,
          MAINTENANCE_SCHEDULED,
          MAINTENANCE_STARTED,
          MAINTENANCE_ENDED,
          METRICS_SAMPLES);

  /**
   * Topics that outside systems write: their consumers also accept plain JSON without ce_ headers.
   */
  public static final Set<String> PLAIN_JSON_ACCEPTED = Set.of(DEPLOY_REQUESTED, METRICS_SAMPLES);

  private Topics() {}

  /** The CloudEvents type of the v1 events on a topic: {@code dev.autopilot.<topic>.v1}. */
  public static String typeOf(String topic) {
    return "dev.autopilot." + topic + ".v1";
  }

  /** The dead-letter topic of a topic. */
  public static String dlqOf(String topic) {
    return topic + DLQ_SUFFIX;
  }
}
