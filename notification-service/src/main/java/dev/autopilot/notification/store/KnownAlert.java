package dev.autopilot.notification.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An alert this service was told about by alert.fired, and what happened to it since. */
@RegisterForReflection
public record KnownAlert(
    UUID alertId,
    String name,
    String severity,
    String summary,
    Map<String, String> labels,
    Instant firedAt,
    Instant resolvedAt,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String fingerprint) {}
