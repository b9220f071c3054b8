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
    Instant sentAt) {}
