package dev.autopilot.notification.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One send attempt in the delivery log.
 *
 * @param outcome SENT, RETRY (failed, will be retried), FAILED (failed for good) or THROTTLED (not
 *     sent: the receiver's token bucket was empty; not counted as an attempt) or MUTED (never sent:
 *     the mute stage held it; {@code error} says why)
 * @param latencyMs how long the channel took to answer
 */
@RegisterForReflection
public record DeliveryAttempt(
    long id,
    UUID notificationId,
    String eventId,
    String receiver,
    String channel,
    int attempt,
    String outcome,
    String error,
    long latencyMs,
    Instant attemptedAt) {}
