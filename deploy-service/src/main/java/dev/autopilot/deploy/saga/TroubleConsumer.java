package dev.autopilot.deploy.saga;

import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.BackupRestored;
import dev.autopilot.platform.event.v1.HealthDegraded;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** What the saga hears after the roll-out: trouble during a bake, and restores finishing. */
@ApplicationScoped
public class TroubleConsumer {
  private final EventConsumer consumer;
  private final BakeWatch bakes;
  private final RestoreGate restores;

  public TroubleConsumer(EventConsumer consumer, BakeWatch bakes, RestoreGate restores) {
    this.consumer = consumer;
    this.bakes = bakes;
    this.restores = restores;
  }

  @Incoming(Channels.HEALTH_DEGRADED)
  @Blocking
  public void onDegraded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        HealthDegraded.class,
        event -> {
          HealthDegraded d = event.data();
          String service = d.service() != null ? d.service() : label(d.labels(), "service");
          String environment =
              d.environment() != null ? d.environment() : label(d.labels(), "environment");
          bakes.trouble(
              service,
              environment,
              "health.degraded " + d.targetId() + " " + d.status() + ": " + d.reason());
        });
  }

  @Incoming(Channels.ALERT_FIRED)
  @Blocking
  public void onAlert(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        AlertFired.class,
        event -> {
          AlertFired a = event.data();
          bakes.trouble(
              label(a.labels(), "service"),
              label(a.labels(), "environment"),
              "alert.fired " + a.severity() + " " + a.name());
        });
  }

  @Incoming(Channels.BACKUP_RESTORED)
  @Blocking
  public void onRestored(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, BackupRestored.class, event -> restores.restored(event.data()));
  }

  private static String label(Map<String, String> labels, String name) {
    return labels == null ? null : labels.get(name);
  }
}
