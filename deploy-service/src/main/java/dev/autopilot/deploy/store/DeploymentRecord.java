package dev.autopilot.deploy.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One deployment as stored and as the API shows it.
 *
 * @param previousVersion the version of the last successful deployment of this service/environment
 *     when this one started; null before it starts or for a first deployment
 * @param step the step running now, or the step that failed
 * @param reason why the deployment failed; null otherwise
 * @param updatedAt when the state last changed
 */
@RegisterForReflection
public record DeploymentRecord(
    UUID id,
    String service,
    String environment,
    String version,
    String previousVersion,
    DeploymentState state,
    Step step,
    String idempotencyKey,
    String requestedBy,
    UUID backupId,
    String reason,
    Instant createdAt,
    Instant startedAt,
    Instant updatedAt,
    Instant finishedAt) {

  /** service/environment, the subject of this deployment's events. */
  @JsonIgnore
  public String target() {
    return service + "/" + environment;
  }
}
