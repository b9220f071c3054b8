package dev.autopilot.deploy.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt at one step of a deployment.
 *
 * @param detail what happened: for ROLLOUT the command's exit and its (bounded, redacted) output
 */
@RegisterForReflection
public record StepRecord(
    long id,
    UUID deploymentId,
    Step step,
    StepOutcome outcome,
    Instant startedAt,
    Instant finishedAt,
    String detail) {

  /** Milliseconds from start to finish; null while running. */
  @JsonProperty
  public Long durationMs() {
    return finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
