package dev.autopilot.alert.mute;

import dev.autopilot.alert.inhibit.DependencyMuter;
import dev.autopilot.alert.inhibit.Inhibitor;
import dev.autopilot.alert.silence.Silencer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks every muter in order (maintenance, silence, inhibition, down dependency); the first reason
 * wins.
 */
@ApplicationScoped
public class Muting {
  private final List<Muter> muters;

  public Muting(
      MaintenanceMuter maintenance,
      Silencer silencer,
      Inhibitor inhibitor,
      DependencyMuter dependency) {
    this.muters = List.of(maintenance, silencer, inhibitor, dependency);
  }

  /** Why the alert is muted now, or empty. */
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    for (Muter muter : muters) {
      Optional<String> reason = muter.mutedBy(alert, now);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }
}
