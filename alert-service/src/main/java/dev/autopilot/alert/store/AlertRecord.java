package dev.autopilot.alert.store;

import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One alert instance as stored: from its first firing to its resolution. */
@RegisterForReflection
public record AlertRecord(
    UUID id,
    String fingerprint,
    String name,
    Severity severity,
    AlertState state,
    Map<String, String> labels,
    AlertAnnotations annotations,
    Double value,
    String source,
    Instant startsAt,
    Instant endsAt,
    String acknowledgedBy,
    Instant acknowledgedAt) {}
