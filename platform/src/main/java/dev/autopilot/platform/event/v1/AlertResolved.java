package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A firing alert stopped firing. */
@RegisterForReflection
public record AlertResolved(
    @NotNull UUID alertId,
    String fingerprint,
    String name,
    Instant endsAt,
    Severity severity,
    Map<String, String> labels)
    implements EventData {
  @Override
  public String topic() {
    return Topics.ALERT_RESOLVED;
  }

  @Override
  public String subject() {
    return alertId.toString();
  }
}
