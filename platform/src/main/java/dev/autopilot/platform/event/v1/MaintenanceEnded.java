package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** A maintenance window ended. */
@RegisterForReflection
public record MaintenanceEnded(@NotNull UUID windowId, List<String> services, String environment)
    implements EventData {
  @Override
  public String topic() {
    return Topics.MAINTENANCE_ENDED;
  }

  @Override
  public String subject() {
    return windowId.toString();
  }
}
