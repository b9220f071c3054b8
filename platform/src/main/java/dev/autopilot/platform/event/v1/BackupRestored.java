package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A restore finished: into {@code target} when ok, or failed with {@code reason}. */
@RegisterForReflection
public record BackupRestored(
    @NotNull UUID backupId,
    String target,
    Double restoreSeconds,
    String correlationId,
    String source,
    Boolean ok,
    String reason)
    implements EventData {
  @Override
  public String topic() {
    return Topics.BACKUP_RESTORED;
  }

  @Override
  public String subject() {
    return target;
  }
}
