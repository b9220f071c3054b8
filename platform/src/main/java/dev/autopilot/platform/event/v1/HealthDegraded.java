package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/** A target crossed its failure threshold (DEGRADED or DOWN). */
@RegisterForReflection
public record HealthDegraded(
    @NotBlank String targetId,
    String service,
    String environment,
    HealthStatus status,
    String reason,
    Integer consecutiveFailures,
    Instant since,
    String suppressedBy)
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
