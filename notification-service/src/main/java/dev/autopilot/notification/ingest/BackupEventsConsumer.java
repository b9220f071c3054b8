package dev.autopilot.notification.ingest;

import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import dev.autopilot.platform.event.v1.BackupRestored;
import dev.autopilot.platform.event.v1.BackupVerified;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tells people when a backup fails, a restore or restore drill ends, and (only with {@code
 * notification.events.backup-completed}) when a backup completes.
 */
@ApplicationScoped
public class BackupEventsConsumer {
  private final EventConsumer consumer;
  private final NotificationPipeline pipeline;
  private final boolean announceCompleted;

  public BackupEventsConsumer(
      EventConsumer consumer, NotificationPipeline pipeline, NotificationConfig config) {
    this.consumer = consumer;
    this.pipeline = pipeline;
    this.announceCompleted = config.events().backupCompleted();
  }

  @Incoming(Channels.BACKUP_FAILED)
  @Blocking
  public void onFailed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, BackupFailed.class, event -> pipeline.accept(Notice.of(event, null)));
  }

  @Incoming(Channels.BACKUP_COMPLETED)
  @Blocking
  public void onCompleted(ConsumerRecord<String, byte[]> record) {
    // Decoded (bad records dead-lettered) whether or not completed backups are announced.
    consumer.handle(
        record,
        BackupCompleted.class,
        event -> {
          if (announceCompleted) {
            pipeline.accept(Notice.of(event, null));
          }
        });
  }

  /** A restore drill ended (passed or failed): the proof backups restore, or that they do not. */
  @Incoming(Channels.BACKUP_VERIFIED)
  @Blocking
  public void onVerified(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, BackupVerified.class, event -> pipeline.accept(Notice.of(event, null)));
  }

  /** A restore ended (succeeded or failed): always worth telling. */
  @Incoming(Channels.BACKUP_RESTORED)
  @Blocking
  public void onRestored(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, BackupRestored.class, event -> pipeline.accept(Notice.of(event, null)));
  }
}
