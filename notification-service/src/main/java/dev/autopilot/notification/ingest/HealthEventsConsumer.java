package dev.autopilot.notification.ingest;

import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Routes health.degraded and health.recovered like every other event, only with {@code
 * notification.events.health} (off by default: alert-service turns lasting health problems into
 * alerts, which are what pages people; raw health changes are for routes that want them).
 */
@ApplicationScoped
public class HealthEventsConsumer {
  private final EventConsumer consumer;
  private final NotificationPipeline pipeline;
  private final boolean enabled;

  public HealthEventsConsumer(
      EventConsumer consumer, NotificationPipeline pipeline, NotificationConfig config) {
    this.consumer = consumer;
    this.pipeline = pipeline;
    this.enabled = config.events().health();
  }

  @Incoming(Channels.HEALTH_DEGRADED)
  @Blocking
  public void onDegraded(ConsumerRecord<String, byte[]> record) {
    // Decoded (bad records dead-lettered) whether or not health events are announced.
    consumer.handle(
        record,
        HealthDegraded.class,
        event -> {
          if (enabled) {
            pipeline.accept(Notice.of(event, null));
          }
        });
  }

  @Incoming(Channels.HEALTH_RECOVERED)
  @Blocking
  public void onRecovered(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        HealthRecovered.class,
        event -> {
          if (enabled) {
            pipeline.accept(Notice.of(event, null));
          }
        });
  }
}
