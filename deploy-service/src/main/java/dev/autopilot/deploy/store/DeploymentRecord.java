package dev.autopilot.deploy.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One deployment as stored and as the API shows it.
 *
 * @param previousVersion the version of the last successful deployment of this service/environment
 *     when this one started; null before it starts or for a first deployment
 * @param step the step running now, or the step that ended the deployment
 * @param reason why the deployment failed, was rejected or rolled back; null otherwise
 * @param updatedAt when the state last changed
 * @param requiresWindow the request asked for a maintenance window
 * @param overrideBy the admin who overrode the alert gate and freezes; null without override
 * @param migrated the migrate command ran (so a rollback may restore the restore point)
 * @param rolledOut the deploy command ran (so a rollback runs the rollback command)
 * @param restoreId backup-service's restore of the restore point, once requested
 * @param bakeUntil when the bake ends
 * @param bakeFailures health.degraded / alert.fired seen for the target during the bake
 * @param watchUntil end of the post-deploy watch window, after success
 * @param holdUntil while AWAITING_WINDOW: when the maintenance window it waits for opens
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
    Instant finishedAt,
    boolean requiresWindow,
    String overrideBy,
    String overrideReason,
    boolean migrated,
    boolean rolledOut,
    String rollbackReason,
    UUID restoreId,
    Instant bakeUntil,
    int bakeFailures,
    Instant watchUntil,
    Instant holdUntil) {

  /** service/environment, the subject of this deployment's events. */
  @JsonIgnore
  public String target() {
    return service + "/" + environment;
  }

  /** Milliseconds from start to end (or to now while it runs); null before it starts. */
  @JsonProperty
  public Long durationMs() {
    if (startedAt == null) {
      return null;
    }
    Instant end = finishedAt == null ? Instant.now() : finishedAt;
    return end.toEpochMilli() - startedAt.toEpochMilli();
  }
}
