package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Someone took ownership of a firing alert; escalation stops. */
@RegisterForReflection
public record AlertAcknowledged(
    @NotNull UUID alertId, String by, Instant at, String fingerprint, Map<String, String> labels)
    implements EventData {
  @Override
  public String topic() {
    return Topics.ALERT_ACKNOWLEDGED;
  }

  @Override
  public String subject() {
    return alertId.toString();
  }
}
