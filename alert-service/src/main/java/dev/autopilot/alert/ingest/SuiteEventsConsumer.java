package dev.autopilot.alert.ingest;

import dev.autopilot.alert.rule.source.EventsSource;
import dev.autopilot.alert.store.EventFactRepository;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.event.v1.BackupVerified;
import dev.autopilot.platform.event.v1.DeployFailed;
import dev.autopilot.platform.event.v1.DeployRolledBack;
import dev.autopilot.platform.event.v1.NotificationFailed;
import dev.autopilot.platform.event.v1.Subjects;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Records the suite's facts that {@code events} rules evaluate: backups (completed, failed, restore
 * drills), deployments (failed, rolled back) and failed notifications.
 */
@ApplicationScoped
public class SuiteEventsConsumer {
  private final EventConsumer consumer;
  private final EventFactRepository facts;

  public SuiteEventsConsumer(EventConsumer consumer, EventFactRepository facts) {
    this.consumer = consumer;
    this.facts = facts;
  }

  @Incoming(Channels.BACKUP_COMPLETED)
  @Blocking
  public void onBackupCompleted(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        BackupCompleted.class,
        e -> backup(EventsSource.BACKUP_COMPLETED, e.data().source(), e));
  }

  @Incoming(Channels.BACKUP_FAILED)
  @Blocking
  public void onBackupFailed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record, BackupFailed.class, e -> backup(EventsSource.BACKUP_FAILED, e.data().source(), e));
  }

  @Incoming(Channels.BACKUP_VERIFIED)
  @Blocking
  public void onBackupVerified(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        BackupVerified.class,
        e ->
            backup(
                e.data().ok() ? EventsSource.RESTORE_OK : EventsSource.RESTORE_FAILED,
                e.data().source(),
                e));
  }

  @Incoming(Channels.DEPLOY_FAILED)
  @Blocking
  public void onDeployFailed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        DeployFailed.class,
        e -> deploy(EventsSource.DEPLOY_FAILED, e.data().service(), e.data().environment(), e));
  }

  @Incoming(Channels.DEPLOY_ROLLED_BACK)
  @Blocking
  public void onDeployRolledBack(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        DeployRolledBack.class,
        e ->
            deploy(EventsSource.DEPLOY_ROLLED_BACK, e.data().service(), e.data().environment(), e));
  }

  @Incoming(Channels.NOTIFICATION_FAILED)
  @Blocking
  public void onNotificationFailed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        NotificationFailed.class,
        e -> {
          String channel = e.data().channel() == null ? "unknown" : e.data().channel();
          facts.record(
              EventsSource.NOTIFICATION_FAILED, channel, Map.of("channel", channel), time(e));
        });
  }

  /** Records a deploy.succeeded (called by {@link DeployEventsConsumer}). */
  void deploySucceeded(String service, String environment, CloudEvent<?> e) {
    deploy(EventsSource.DEPLOY_SUCCEEDED, service, environment, e);
  }

  private void backup(String kind, String source, CloudEvent<?> e) {
    if (source != null) {
      facts.record(kind, source, Map.of("source", source), time(e));
    }
  }

  private void deploy(String kind, String service, String environment, CloudEvent<?> e) {
    if (service == null) {
      return;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("service", service);
    if (environment != null) {
      labels.put("environment", environment);
    }
    facts.record(kind, Subjects.serviceEnvironment(service, environment), labels, time(e));
  }

  private static Instant time(CloudEvent<?> e) {
    return e.time() == null ? Instant.now() : e.time();
  }
}
