package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * CI (or the API) asks for a version of a service to be deployed to an environment.
 *
 * <p>Service, environment and version reach deploy commands as environment variables, so they are
 * held to strict patterns here, never passed through a shell.
 */
@RegisterForReflection
public record DeployRequested(
    @NotBlank @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE) String service,
    @NotBlank @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE) String environment,
    @NotBlank @Pattern(regexp = Patterns.VERSION, message = Patterns.VERSION_MESSAGE)
        String version,
    String artifact,
    String commit,
    String requestedBy,
    @Valid Checks checks,
    Boolean requiresMaintenanceWindow,
    @Pattern(regexp = Patterns.KEY, message = Patterns.KEY_MESSAGE) String idempotencyKey)
    implements EventData {

  /** The pre-deploy checklist as CI reports it. */
  @RegisterForReflection
  public record Checks(Boolean testsPassed, Boolean buildSucceeded, Boolean migrationsTested) {}

  @Override
  public String topic() {
    return Topics.DEPLOY_REQUESTED;
  }

  @Override
  public String subject() {
    return Subjects.serviceEnvironment(service, environment);
  }
}
