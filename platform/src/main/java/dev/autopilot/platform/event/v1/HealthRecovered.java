package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import java.util.UUID;

/** A target crossed its success threshold after being degraded or down. */
@RegisterForReflection
public record HealthRecovered(
    @NotBlank String targetId,
    String service,
    String environment,
    Long downSeconds,
    UUID deploymentId)
    implements EventData {
  @Override
  public String topic() {
    return Topics.HEALTH_RECOVERED;
  }

  @Override
  public String subject() {
    return targetId;
  }
}
