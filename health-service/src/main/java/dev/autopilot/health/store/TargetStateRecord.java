package dev.autopilot.health.store;

import dev.autopilot.platform.event.v1.HealthStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * The current state of one target.
 *
 * @param since when the target entered {@code status}
 * @param lastCheckedAt when the last probe finished; null before the first one
 * @param lastError why the last failed probe failed; kept after successes for context
 */
@RegisterForReflection
public record TargetStateRecord(
    String targetId,
    HealthStatus status,
    int consecutiveFailures,
    int consecutiveSuccesses,
    Instant since,
    Instant lastCheckedAt,
    Long lastDurationMs,
    String lastError) {

  /** The state of a target nobody has probed yet. */
  public static TargetStateRecord unknown(String targetId, Instant since) {
    return new TargetStateRecord(targetId, HealthStatus.UNKNOWN, 0, 0, since, null, null, null);
  }
}
