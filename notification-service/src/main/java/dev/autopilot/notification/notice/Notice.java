package dev.autopilot.notification.notice;

import dev.autopilot.notification.store.KnownAlert;
import dev.autopilot.platform.event.CloudEvent;
import dev.autopilot.platform.event.EventData;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * Something happened that people may need to hear about. Templates see it as {@code event}, its
 * data as {@code data} and the alert it is about (if known) as {@code alert}.
 *
 * @param id the CloudEvents id of the event: one notification per event, channel and receiver
 * @param type the topic of the event, e.g. {@code deploy.succeeded}
 * @param alert for alert.resolved and alert.acknowledged, the alert as it fired; null if unknown
 * @param ackLink for alert.fired, the signed one-time link that acknowledges the alert; or null
 * @param announcement for maintenance.scheduled, which announcement this is: T-7d, T-1d, START or
 *     END; otherwise null
 */
@RegisterForReflection
public record Notice(
    String id,
    String type,
    String source,
    Instant time,
    EventData data,
    KnownAlert alert,
    String ackLink,
    String announcement) {

  /** A notice without an acknowledge link. */
  public Notice(
      String id, String type, String source, Instant time, EventData data, KnownAlert alert) {
    this(id, type, source, time, data, alert, null, null);
  }

  /** A notice with an acknowledge link (or null). */
  public Notice(
      String id,
      String type,
      String source,
      Instant time,
      EventData data,
      KnownAlert alert,
      String ackLink) {
    this(id, type, source, time, data, alert, ackLink, null);
  }

  /** This notice carrying an acknowledge link. */
  public Notice withAckLink(String link) {
    return new Notice(id, type, source, time, data, alert, link, announcement);
  }

  /** The notice of a consumed event. */
  public static Notice of(CloudEvent<? extends EventData> event, KnownAlert alert) {
    EventData data = event.data();
    return new Notice(event.id(), data.topic(), event.source(), event.time(), data, alert);
  }
}
