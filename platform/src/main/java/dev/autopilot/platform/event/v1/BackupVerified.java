package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** A restore drill restored a backup and checked it; ok=false means the drill failed. */
@RegisterForReflection
public record BackupVerified(
    @NotNull UUID backupId,
    String source,
    Double restoreSeconds,
    List<String> checks,
    @NotNull Boolean ok,
    String reason)
    implements EventData {
  @Override
  public String topic() {
    return Topics.BACKUP_VERIFIED;
  }

  @Override
  public String subject() {
    return source;
  }
}
