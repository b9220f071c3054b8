package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A deployment failed at a step and could not (or need not) roll back. */
@RegisterForReflection
public record DeployFailed(
    @NotNull UUID deploymentId,
    String service,
    String environment,
    String version,
    String step,
    String reason)
    implements EventData {
  @Override
  public String topic() {
    return Topics.DEPLOY_FAILED;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
