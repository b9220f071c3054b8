package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A target crossed its failure threshold (DEGRADED or DOWN).
 *
 * <p>{@code suppressedBy} names the dependency target that is down (the root cause), {@code
 * severity} is the target's criticality, {@code deploymentId} is set while a post-deploy watch
 * window covers the target's service/environment.
 */
@RegisterForReflection
public record HealthDegraded(
    @NotBlank String targetId,
    String service,
    String environment,
    HealthStatus status,
    String reason,
    Integer consecutiveFailures,
    Instant since,
    String suppressedBy,
    Severity severity,
    UUID deploymentId,
    Map<String, String> labels)
    implements EventData {
  @Override
  public String topic() {
    return Topics.HEALTH_DEGRADED;
  }

  @Override
  public String subject() {
    return targetId;
  }
}
