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
 */
@RegisterForReflection
public record Notice(
    String id, String type, String source, Instant time, EventData data, KnownAlert alert) {

  /** The notice of a consumed event. */
  public static Notice of(CloudEvent<? extends EventData> event, KnownAlert alert) {
    EventData data = event.data();
    return new Notice(event.id(), data.topic(), event.source(), event.time(), data, alert);
  }
}
