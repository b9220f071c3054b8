package dev.autopilot.notification.render;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import dev.autopilot.platform.event.v1.AlertAcknowledged;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.AlertResolved;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.event.v1.BackupRestored;
import dev.autopilot.platform.event.v1.BackupVerified;
import dev.autopilot.platform.event.v1.DeployFailed;
import dev.autopilot.platform.event.v1.DeployRejected;
import dev.autopilot.platform.event.v1.DeployRolledBack;
import dev.autopilot.platform.event.v1.DeployStarted;
import dev.autopilot.platform.event.v1.DeploySucceeded;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import dev.autopilot.platform.event.v1.MaintenanceEnded;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import dev.autopilot.platform.event.v1.MaintenanceStarted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event types people are told about, with their data records: one list for the templates that
 * must exist, the preview endpoint and anything that re-reads a stored event's data.
 */
public final class EventTypes {
  /** Event type (topic) → its data record, in template order. */
  public static final Map<String, Class<? extends EventData>> DATA;

  static {
    Map<String, Class<? extends EventData>> types = new LinkedHashMap<>();
    types.put(Topics.ALERT_FIRED, AlertFired.class);
    types.put(Topics.ALERT_RESOLVED, AlertResolved.class);
    types.put(Topics.ALERT_ACKNOWLEDGED, AlertAcknowledged.class);
    types.put(Topics.DEPLOY_STARTED, DeployStarted.class);
    types.put(Topics.DEPLOY_SUCCEEDED, DeploySucceeded.class);
    types.put(Topics.DEPLOY_FAILED, DeployFailed.class);
    types.put(Topics.DEPLOY_ROLLED_BACK, DeployRolledBack.class);
    types.put(Topics.DEPLOY_REJECTED, DeployRejected.class);
    types.put(Topics.BACKUP_FAILED, BackupFailed.class);
    types.put(Topics.BACKUP_RESTORED, BackupRestored.class);
    types.put(Topics.BACKUP_COMPLETED, BackupCompleted.class);
    types.put(Topics.BACKUP_VERIFIED, BackupVerified.class);
    types.put(Topics.MAINTENANCE_SCHEDULED, MaintenanceScheduled.class);
    types.put(Topics.MAINTENANCE_STARTED, MaintenanceStarted.class);
    types.put(Topics.MAINTENANCE_ENDED, MaintenanceEnded.class);
    types.put(Topics.HEALTH_DEGRADED, HealthDegraded.class);
    types.put(Topics.HEALTH_RECOVERED, HealthRecovered.class);
    DATA = java.util.Collections.unmodifiableMap(types);
  }

  /** The event types, in template order. */
  public static final List<String> ALL = List.copyOf(DATA.keySet());

  private EventTypes() {}
}
