package dev.autopilot.notification.ingest;

import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.pipeline.NotificationPipeline;
import dev.autopilot.notification.store.KnownAlert;
import dev.autopilot.notification.store.KnownAlertRepository;
import dev.autopilot.notification.suppress.AlertSuppressions;
import dev.autopilot.platform.acklink.AckLinks;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.v1.AlertAcknowledged;
import dev.autopilot.platform.event.v1.AlertFired;
import dev.autopilot.platform.event.v1.AlertResolved;
import dev.autopilot.platform.event.v1.AlertSuppressed;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Tells people when an alert fires, resolves or is acknowledged, and stops paging one that
 * alert-service suppressed. A firing alert is remembered, so the later messages can name it:
 * alert.resolved and alert.acknowledged carry only its id. (If a resolution arrives before its
 * firing, the message falls back to the alert's id.)
 */
@ApplicationScoped
public class AlertEventsConsumer {
  private final EventConsumer consumer;
  private final NotificationPipeline pipeline;
  private final KnownAlertRepository alerts;
  private final AckLinks ackLinks;
  private final AlertSuppressions suppressions;

  public AlertEventsConsumer(
      EventConsumer consumer,
      NotificationPipeline pipeline,
      KnownAlertRepository alerts,
      AckLinks ackLinks,
      AlertSuppressions suppressions) {
    this.suppressions = suppressions;
    this.consumer = consumer;
    this.pipeline = pipeline;
    this.alerts = alerts;
    this.ackLinks = ackLinks;
  }

  @Incoming(Channels.ALERT_FIRED)
  @Blocking
  public void onFired(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        AlertFired.class,
        event -> {
          AlertFired fired = event.data();
          alerts.remember(
              fired.alertId(),
              fired.name(),
              fired.severity() == null ? null : fired.severity().name(),
              fired.annotations() == null ? null : fired.annotations().summary(),
              fired.labels(),
              firstKnown(fired.startsAt(), event),
              fired.fingerprint());
          pipeline.accept(
              Notice.of(event, null)
                  .withAckLink(ackLinks.link(fired.alertId(), Instant.now()).orElse(null)));
        });
  }

  @Incoming(Channels.ALERT_RESOLVED)
  @Blocking
  public void onResolved(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        AlertResolved.class,
        event -> {
          AlertResolved resolved = event.data();
          KnownAlert alert =
              alerts
                  .resolved(resolved.alertId(), firstKnown(resolved.endsAt(), event))
                  .orElse(null);
          pipeline.accept(Notice.of(event, alert));
        });
  }

  @Incoming(Channels.ALERT_ACKNOWLEDGED)
  @Blocking
  public void onAcknowledged(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        AlertAcknowledged.class,
        event -> {
          AlertAcknowledged ack = event.data();
          KnownAlert alert =
              alerts
                  .acknowledged(ack.alertId(), ack.by(), firstKnown(ack.at(), event))
                  .orElse(null);
          pipeline.accept(Notice.of(event, alert));
        });
  }

  /**
   * alert-service muted an alert it had announced: its escalations, waiting group members and
   * undelivered pages stop ({@link AlertSuppressions}); nobody is told (an Alertmanager silence
   * tells nobody either). Idempotent through the inbox claim.
   */
  @Incoming(Channels.ALERT_SUPPRESSED)
  @Blocking
  public void onSuppressed(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        AlertSuppressed.class,
        event -> {
          AlertSuppressed suppressed = event.data();
          suppressions.suppress(suppressed, event.id(), firstKnown(suppressed.at(), event));
        });
  }

  private static Instant firstKnown(Instant fromData, CloudEvent<?> event) {
    if (fromData != null) {
      return fromData;
    }
    return event.time() != null ? event.time() : Instant.now();
  }
}
