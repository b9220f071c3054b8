package dev.autopilot.platform.event.v1;

import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** A notification could not be delivered after its retries and fallbacks. */
@RegisterForReflection
public record NotificationFailed(
    @NotNull UUID notificationId, String channel, String receiver, String reason, Integer attempts)
    implements EventData {
  @Override
  public String topic() {
    return Topics.NOTIFICATION_FAILED;
  }

  @Override
  public String subject() {
    return notificationId.toString();
  }
}
