package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An announced alert (FIRING or ACKNOWLEDGED) is now muted by a silence, a maintenance window, an
 * inhibition or a down dependency ({@code reason}: {@code silence:<id>}, {@code maintenance:<id>},
 * …); paging and escalating it stop. When the mute ends and the alert still fires, {@code
 * alert.fired} announces it again.
 */
@RegisterForReflection
public record AlertSuppressed(
    @NotNull UUID alertId,
    String fingerprint,
    String name,
    Severity severity,
    Map<String, String> labels,
    String reason,
    String previousState,
    Instant at)
    implements EventData {
  @Override
  public String topic() {
    return Topics.ALERT_SUPPRESSED;
  }

  @Override
  public String subject() {
    return alertId.toString();
  }
}
