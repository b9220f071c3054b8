package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** One saga step (VALIDATE, BACKUP, MIGRATE, ROLLOUT, VERIFY, BAKE, ROLLBACK) finished. */
@RegisterForReflection
public record DeployStepCompleted(
    @NotNull UUID deploymentId,
    String service,
    String environment,
    String step,
    String outcome,
    Long durationMs,
    String detail)
    implements EventData {
  @Override
  public String topic() {
    return Topics.DEPLOY_STEP_COMPLETED;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
