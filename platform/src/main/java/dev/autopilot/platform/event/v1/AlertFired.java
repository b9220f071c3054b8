package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An alert started firing (never emitted for a suppressed alert). {@code labels} carry {@code
 * service} and {@code environment} when known; {@code deploymentId} ties it to a recent deploy.
 */
@RegisterForReflection
public record AlertFired(
    @NotNull UUID alertId,
    String fingerprint,
    String name,
    Severity severity,
    Map<String, String> labels,
    AlertAnnotations annotations,
    Instant startsAt,
    Double value,
    UUID deploymentId)
    implements EventData {
  @Override
  public String topic() {
    return Topics.ALERT_FIRED;
  }

  @Override
  public String subject() {
    return alertId.toString();
  }
}
