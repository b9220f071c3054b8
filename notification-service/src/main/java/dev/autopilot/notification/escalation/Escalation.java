package dev.autopilot.notification.escalation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * An alert's escalation: the next level to page ({@code level} of repetition {@code cycle}) and
 * when; ACTIVE until acknowledged, resolved or exhausted, or SUPPRESSED while alert-service mutes
 * the alert ({@code stopReason} says why; a new alert.fired starts it again, {@code startedAt} then
 * being the restart).
 */
@RegisterForReflection
public record Escalation(
    UUID id,
    UUID alertId,
    String policy,
    String eventId,
    String severity,
    int level,
    int cycle,
    String state,
    Instant nextAt,
    int paged,
    Instant createdAt,
    Instant stoppedAt,
    String stopReason,
    Instant startedAt) {}
