package dev.autopilot.alert.ingest;

import dev.autopilot.alert.store.MaintenanceRepository;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.MaintenanceEnded;
import dev.autopilot.platform.event.v1.MaintenanceStarted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Maintenance windows from deploy-service: while one runs, alerts of its services are recorded
 * suppressed; when it ends, those still active fire (at the next suppression recheck).
 */
@ApplicationScoped
public class MaintenanceConsumer {
  private final EventConsumer consumer;
  private final MaintenanceRepository windows;

  public MaintenanceConsumer(EventConsumer consumer, MaintenanceRepository windows) {
    this.consumer = consumer;
    this.windows = windows;
  }

  @Incoming(Channels.MAINTENANCE_STARTED)
  @Blocking
  public void onStarted(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        MaintenanceStarted.class,
        event -> {
          MaintenanceStarted m = event.data();
          windows.start(m.windowId(), m.services(), m.environment(), m.endsAt(), Instant.now());
        });
  }

  @Incoming(Channels.MAINTENANCE_ENDED)
  @Blocking
  public void onEnded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        MaintenanceEnded.class,
        event -> windows.end(event.data().windowId(), Instant.now()));
  }
}
