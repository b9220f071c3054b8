package dev.autopilot.deploy.maintenance;

import dev.autopilot.deploy.store.CalendarRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Whether a service/environment is frozen, or inside a maintenance window, at a moment. */
@ApplicationScoped
public class Calendar {
  private static final Duration LOOK_AHEAD = Duration.ofDays(60);

  private final CalendarRepository repository;

  public Calendar(CalendarRepository repository) {
    this.repository = repository;
  }

  /** The freeze that holds for the target at {@code t}, if any (the one ending last). */
  public Optional<Freeze> freezeAt(String service, String environment, Instant t) {
    return repository.freezes(false).stream()
        .filter(f -> f.holds(service, environment, t))
        .max(Comparator.comparing(Freeze::endsAt));
  }

  /** The maintenance window occurrence covering the target at {@code t}, if any. */
  public Optional<MaintenanceWindow.Occurrence> windowAt(
      String service, String environment, Instant t) {
    return repository.windows().stream()
        .filter(w -> w.covers(service, environment))
        .flatMap(w -> w.occurrences(t, t.plusMillis(1)).stream())
        .filter(o -> o.covers(t))
        .findFirst();
  }

  /** The next maintenance window occurrence for the target after {@code t} (within 60 days). */
  public Optional<MaintenanceWindow.Occurrence> nextWindow(
      String service, String environment, Instant t) {
    return repository.windows().stream()
        .filter(w -> w.covers(service, environment))
        .flatMap(w -> w.occurrences(t, t.plus(LOOK_AHEAD)).stream())
        .filter(o -> o.startsAt().isAfter(t))
        .min(Comparator.comparing(MaintenanceWindow.Occurrence::startsAt));
  }
}
