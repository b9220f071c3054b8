package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A deployment passed validation and its saga started. */
@RegisterForReflection
public record DeployStarted(
    @NotNull UUID deploymentId,
    String service,
    String environment,
    String version,
    String previousVersion)
    implements EventData {
  @Override
  public String topic() {
    return Topics.DEPLOY_STARTED;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
