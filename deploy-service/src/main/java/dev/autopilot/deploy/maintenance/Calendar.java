package dev.autopilot.deploy.maintenance;

import dev.autopilot.deploy.store.CalendarRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

  /** The windows with an occurrence running at {@code t}, each with that occurrence. */
  public List<Open> openAt(Instant t) {
    return repository.windows().stream()
        .flatMap(
            w ->
                w.occurrences(t, t.plusMillis(1)).stream()
                    .filter(o -> o.covers(t))
                    .map(o -> new Open(w, o)))
        .toList();
  }

  /** A window and its occurrence running now. */
  public record Open(MaintenanceWindow window, MaintenanceWindow.Occurrence occurrence) {}

  /** The next maintenance window occurrence for the target after {@code t} (within 60 days). */
  public Optional<MaintenanceWindow.Occurrence> nextWindow(
      String service, String environment, Instant t) {
    return nextWindow(service, environment, t, LOOK_AHEAD);
  }

  /** The next maintenance window occurrence for the target starting after {@code t}, within. */
  public Optional<MaintenanceWindow.Occurrence> nextWindow(
      String service, String environment, Instant t, Duration within) {
    return repository.windows().stream()
        .filter(w -> w.covers(service, environment))
        .flatMap(w -> w.occurrences(t, t.plus(within)).stream())
        .filter(o -> o.startsAt().isAfter(t))
        .min(Comparator.comparing(MaintenanceWindow.Occurrence::startsAt));
  }
}
