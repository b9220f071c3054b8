package dev.autopilot.backup.intake;

import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.BackupRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns each {@code backup.requested} event into one backup (the inbox makes a redelivered event
 * harmless). An unknown source is not dead-lettered: it is a valid request that fails.
 */
@ApplicationScoped
public class BackupRequestsConsumer {
  private final EventConsumer consumer;
  private final BackupIntake intake;

  public BackupRequestsConsumer(EventConsumer consumer, BackupIntake intake) {
    this.consumer = consumer;
    this.intake = intake;
  }

  @Incoming(Channels.BACKUP_REQUESTED)
  @Blocking
  public void onRequested(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        BackupRequested.class,
        event ->
            intake.request(
                new BackupIntake.Request(
                    event.data().source(),
                    event.data().reason(),
                    event.data().correlationId(),
                    event.source())));
  }
}
