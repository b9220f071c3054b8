package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** A deployment passed its health gate and bake. */
@RegisterForReflection
public record DeploySucceeded(
    @NotNull UUID deploymentId,
    String service,
    String environment,
    String version,
    Long durationMs,
    Instant watchUntil)
    implements EventData {
  @Override
  public String topic() {
    return Topics.DEPLOY_SUCCEEDED;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
