package dev.autopilot.deploy.saga;

import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.BackupCompleted;
import dev.autopilot.platform.event.v1.BackupFailed;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** backup-service's answers to the saga's pre-deploy backup requests. */
@ApplicationScoped
public class BackupEventsConsumer {
  private final EventConsumer consumer;
  private final BackupGate gate;

  public BackupEventsConsumer(EventConsumer consumer, BackupGate gate) {
    this.consumer = consumer;
    this.gate = gate;
  }

  @Incoming(Channels.BACKUP_COMPLETED)
  @Blocking
  public void onCompleted(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, BackupCompleted.class, event -> gate.completed(event.data()));
  }

  @Incoming(Channels.BACKUP_FAILED)
  @Blocking
  public void onFailed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, BackupFailed.class, event -> gate.failed(event.data()));
  }
}
