package dev.autopilot.notification.ingest;

import dev.autopilot.notification.announce.Announcer;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Plans the announcements of each scheduled maintenance window (see announce.Announcer). */
@ApplicationScoped
public class MaintenanceEventsConsumer {
  private final EventConsumer consumer;
  private final Announcer announcer;

  public MaintenanceEventsConsumer(EventConsumer consumer, Announcer announcer) {
    this.consumer = consumer;
    this.announcer = announcer;
  }

  @Incoming(Channels.MAINTENANCE_SCHEDULED)
  @Blocking
  public void onScheduled(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, MaintenanceScheduled.class, announcer::schedule);
  }
}
