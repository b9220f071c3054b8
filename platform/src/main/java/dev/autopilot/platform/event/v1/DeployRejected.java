package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;

/** deploy-service refused a deployment request (checklist, freeze, firing alert). */
@RegisterForReflection
public record DeployRejected(
    @NotBlank String service,
    String environment,
    String version,
    String reason,
    String idempotencyKey)
    implements EventData {
  @Override
  public String topic() {
    return Topics.DEPLOY_REJECTED;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
