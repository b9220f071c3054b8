package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;

/** Someone (deploy-service before a deploy, an operator, a schedule) wants a backup of a source. */
@RegisterForReflection
public record BackupRequested(@NotBlank String source, BackupReason reason, String correlationId)
    implements EventData {
  @Override
  public String topic() {
    return Topics.BACKUP_REQUESTED;
  }

  @Override
  public String subject() {
    return source;
  }
}
