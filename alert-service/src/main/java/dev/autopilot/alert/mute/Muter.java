package dev.autopilot.alert.mute;

import java.time.Instant;
import java.util.Optional;

/** One reason an alert may be muted (Alertmanager's {@code types.Muter}). */
public interface Muter {
  /**
   * Why the alert is muted now ({@code silence:<id>}, ...), or empty when this muter lets it be.
   */
  Optional<String> mutedBy(MuteCandidate alert, Instant now);
}
