package dev.autopilot.deploy.maintenance;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A maintenance window for some services (all of the environment when empty) of one environment:
 * one-off ({@code startsAt}–{@code endsAt}) or recurring ({@code cron}, Quartz syntax as in Quarkus
 * {@code @Scheduled}, e.g. {@code 0 0 2 ? * SUN}, lasting {@code durationSeconds}, in {@code
 * zone}).
 */
@RegisterForReflection
public record MaintenanceWindow(
    UUID id,
    List<String> services,
    String environment,
    String description,
    Instant startsAt,
    Instant endsAt,
    String cron,
    Long durationSeconds,
    String zone,
    String createdBy,
    Instant createdAt) {

  private static final CronParser QUARTZ =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  /** One occurrence of a window. */
  @RegisterForReflection
  public record Occurrence(UUID windowId, Instant startsAt, Instant endsAt) {
    /** True while the occurrence runs. */
    public boolean covers(Instant t) {
      return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }
  }

  /** This definition without id and creation stamp: what identifies a window from a file. */
  public MaintenanceWindow withoutIdentity() {
    return new MaintenanceWindow(
        null,
        services,
        environment,
        description,
        startsAt,
        endsAt,
        cron,
        durationSeconds,
        zone,
        null,
        null);
  }

  /** True when this window is about the service in this environment. */
  public boolean covers(String service, String environment) {
    return this.environment.equals(environment)
        && (services == null || services.isEmpty() || services.contains(service));
  }

  /** The occurrences that overlap [from, to), in order (at most 1000). */
  public List<Occurrence> occurrences(Instant from, Instant to) {
    List<Occurrence> result = new ArrayList<>();
    if (cron == null) {
      if (startsAt.isBefore(to) && endsAt.isAfter(from)) {
        result.add(new Occurrence(id, startsAt, endsAt));
      }
      return result;
    }
    Duration length = Duration.ofSeconds(durationSeconds);
    ExecutionTime times = ExecutionTime.forCron(QUARTZ.parse(cron));
    ZoneId zoneId = ZoneId.of(zone);
    // An occurrence that started up to one length before `from` may still be running.
    ZonedDateTime cursor = from.minus(length).atZone(zoneId).minusSeconds(1);
    while (result.size() < 1000) {
      Optional<ZonedDateTime> next = times.nextExecution(cursor);
      if (next.isEmpty() || !next.get().toInstant().isBefore(to)) {
        break;
      }
      Instant start = next.get().toInstant();
      Instant end = start.plus(length);
      if (end.isAfter(from)) {
        result.add(new Occurrence(id, start, end));
      }
      cursor = next.get();
    }
    return result;
  }

  /** Checks a cron expression; the message says what is wrong, empty when it is valid. */
  public static Optional<String> cronProblem(String cron) {
    try {
      QUARTZ.parse(cron).validate();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
