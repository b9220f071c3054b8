package dev.autopilot.alert.mute;

import dev.autopilot.alert.store.MaintenanceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Mutes alerts of services under a running maintenance window: the alert's {@code service} label is
 * one of the window's services and, when the window names an environment, its {@code environment}
 * label is that one.
 */
@ApplicationScoped
public class MaintenanceMuter implements Muter {
  private final MaintenanceRepository windows;

  public MaintenanceMuter(MaintenanceRepository windows) {
    this.windows = windows;
  }

  @Override
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    String service = alert.labels().get("service");
    if (service == null) {
      return Optional.empty();
    }
    return windows
        .covering(service, alert.labels().get("environment"), now)
        .map(id -> "maintenance:" + id);
  }
}
