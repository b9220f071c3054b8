package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;

/** A backup could not be taken. */
@RegisterForReflection
public record BackupFailed(@NotBlank String source, String reason, String correlationId)
    implements EventData {
  @Override
  public String topic() {
    return Topics.BACKUP_FAILED;
  }

  @Override
  public String subject() {
    return source;
  }
}
