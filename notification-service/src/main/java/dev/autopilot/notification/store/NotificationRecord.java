package dev.autopilot.notification.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One notification: a rendered message for one receiver on one channel, caused by one event.
 *
 * @param eventType the topic of the event that caused it, e.g. {@code alert.fired}
 * @param attempts send attempts made so far
 * @param nextAttemptAt when the worker may try (again) while PENDING
 * @param lastError why the latest attempt failed, if it did
 * @param receiverName the configured receiver it goes to ({@code receiver} is the address)
 * @param target the integration that sends it: receiver/channel/index
 * @param severity the alert's severity (P0–P3), if the event has one
 * @param dedupKey the alert's fingerprint (PagerDuty's dedup_key), if the event is about an alert
 * @param alertId the alert the event is about, if any
 * @param ackLink the signed one-time acknowledge link the page carries, if any
 * @param eventData the event's data as JSON (the generic webhook's {@code data})
 * @param fallbackOf the failed notification this one stands in for, if any
 */
@RegisterForReflection
public record NotificationRecord(
    UUID id,
    String eventId,
    String eventType,
    String channel,
    String receiver,
    String subject,
    String bodyText,
    String bodyHtml,
    NotificationStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt,
    String receiverName,
    String target,
    String severity,
    String dedupKey,
    UUID alertId,
    String ackLink,
    String eventData,
    UUID fallbackOf) {}
