package dev.autopilot.alert.store;

import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One alert instance as stored: from its first firing (or pending) to its resolution.
 *
 * @param suppressedReason why it is SUPPRESSED ({@code silence:<id>}, {@code maintenance:<id>},
 *     {@code inhibited-by:<alert id>}, {@code dependency:<target>}); null otherwise
 * @param dependencyTarget the down dependency health-service named ({@code suppressedBy})
 * @param firedAt when it was announced with {@code alert.fired}; null while never announced
 * @param firstAcknowledgedAt the first acknowledgement (time to acknowledge), kept after unack
 */
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
    Instant acknowledgedAt,
    UUID deploymentId,
    String suppressedReason,
    String dependencyTarget,
    Instant firedAt,
    Instant firstAcknowledgedAt) {

  /** The {@code service} label, if any. */
  public String service() {
    return labels == null ? null : labels.get("service");
  }

  /** The {@code environment} label, if any. */
  public String environment() {
    return labels == null ? null : labels.get("environment");
  }
}
