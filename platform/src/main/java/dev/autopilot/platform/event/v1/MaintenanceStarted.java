package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A maintenance window began. */
@RegisterForReflection
public record MaintenanceStarted(
    @NotNull UUID windowId,
    List<String> services,
    String environment,
    Instant endsAt,
    String description)
    implements EventData {
  @Override
  public String topic() {
    return Topics.MAINTENANCE_STARTED;
  }

  @Override
  public String subject() {
    return windowId.toString();
  }
}
