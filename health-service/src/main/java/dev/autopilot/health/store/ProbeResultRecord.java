package dev.autopilot.health.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One probe of one target: when, whether it succeeded, how long it took, and why it failed. */
@RegisterForReflection
public record ProbeResultRecord(
    String targetId, Instant at, boolean ok, long durationMs, String error) {}
