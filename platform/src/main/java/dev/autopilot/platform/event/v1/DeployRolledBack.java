package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A deployment was rolled back to the previous version. */
@RegisterForReflection
public record DeployRolledBack(
    @NotNull UUID deploymentId,
    String service,
    String environment,
    String fromVersion,
    String toVersion,
    String reason)
    implements EventData {
  @Override
  public String topic() {
    return Topics.DEPLOY_ROLLED_BACK;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
