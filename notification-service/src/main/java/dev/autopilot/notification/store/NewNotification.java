package dev.autopilot.notification.store;

import java.util.UUID;

/** A notification about to be recorded: who gets which rendered message, because of which event. */
public record NewNotification(
    UUID id,
    String eventId,
    String eventType,
    String channel,
    String receiver,
    String subject,
    String bodyText,
    String bodyHtml,
    String receiverName,
    String target,
    String severity,
    String dedupKey,
    UUID alertId,
    String ackLink,
    String eventData,
    UUID fallbackOf) {}
