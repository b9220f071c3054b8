package dev.autopilot.notification.mute;

import dev.autopilot.notification.route.CompiledRouting;
import dev.autopilot.notification.route.Route;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The mute stage: says why a notice's route tells nobody now, if it does not.
 *
 * <ul>
 *   <li>Maintenance: a maintenance window in force ({@link MaintenanceWindows}) covers the notice's
 *       {@code service} label (in its {@code environment}). Every event about that service is held,
 *       P0 alerts included: that is what an Alertmanager silence and a PagerDuty maintenance window
 *       both do (neither lets a severity through), and the window's own events
 *       (maintenance.scheduled/started/ended) are never held.
 *   <li>Time intervals: the route is inside one of its {@code mute_time_intervals}, or has {@code
 *       active_time_intervals} and is inside none of them.
 * </ul>
 */
@ApplicationScoped
public class Muter {
  private final MaintenanceWindows windows;

  public Muter(MaintenanceWindows windows) {
    this.windows = windows;
  }

  /** Why every route of a notice with these labels is held by maintenance now, if it is. */
  public Optional<String> maintenance(String eventType, Map<String, String> labels) {
    if (eventType.startsWith("maintenance.")) {
      return Optional.empty();
    }
    Optional<UUID> window = windows.covering(labels.get("service"), labels.get("environment"));
    return window.map(
        id ->
            "muted: maintenance window "
                + id
                + " covers service "
                + labels.get("service")
                + (labels.get("environment") == null ? "" : " in " + labels.get("environment")));
  }

  /** Why a route is held by its time intervals at {@code now}, if it is. */
  public Optional<String> timeIntervals(Route route, CompiledRouting routing, Instant now) {
    return muted(
            route.muteTimeIntervals(), route.activeTimeIntervals(), routing.timeIntervals(), now)
        ? Optional.of("muted: time intervals of route " + route.path())
        : Optional.empty();
  }

  /** Whether a route with these intervals is muted at {@code now}. */
  public static boolean muted(
      List<String> muteIntervals,
      List<String> activeIntervals,
      Map<String, TimeInterval> intervals,
      Instant now) {
    for (String name : muteIntervals) {
      TimeInterval interval = intervals.get(name);
      if (interval != null && interval.contains(now)) {
        return true;
      }
    }
    if (activeIntervals.isEmpty()) {
      return false;
    }
    for (String name : activeIntervals) {
      TimeInterval interval = intervals.get(name);
      if (interval != null && interval.contains(now)) {
        return false;
      }
    }
    return true;
  }
}
