package dev.autopilot.health.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One probe of one target: when, whether it succeeded, how long it took, and why it failed.
 *
 * @param counted false for probes during maintenance, which do not count against uptime
 */
@RegisterForReflection
public record ProbeResultRecord(
    String targetId,
    Instant at,
    boolean ok,
    long durationMs,
    String error,
    @JsonIgnore boolean counted) {}
