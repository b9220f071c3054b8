package dev.autopilot.health.store;

import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;

/**
 * A target as stored: what to probe, how often, and when it counts as down or up again.
 *
 * @param managedBy who owns the row: {@link #MANAGED_BY_CONFIG} for targets from {@code
 *     health.targets.*}
 */
@RegisterForReflection
public record TargetRecord(
    String id,
    String url,
    String service,
    String environment,
    TargetRole role,
    Duration interval,
    Duration timeout,
    int expectedStatus,
    int failureThreshold,
    int successThreshold,
    Severity criticality,
    String managedBy) {

  /** {@code managed_by} of targets written from configuration at start. */
  public static final String MANAGED_BY_CONFIG = "config";
}
