package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** A backup finished and is stored; sha256 and size computed while streaming. */
@RegisterForReflection
public record BackupCompleted(
    @NotNull UUID backupId,
    String source,
    Long sizeBytes,
    String sha256,
    String location,
    Instant startedAt,
    Instant finishedAt,
    String correlationId)
    implements EventData {
  @Override
  public String topic() {
    return Topics.BACKUP_COMPLETED;
  }

  @Override
  public String subject() {
    return source;
  }
}
