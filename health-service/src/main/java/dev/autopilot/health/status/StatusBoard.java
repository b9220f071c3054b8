package dev.autopilot.health.status;

import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.HealthStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public status page's content: every service and environment with its targets, the worst of
 * their statuses, 90 daily uptime bars, and the maintenance in progress. Deliberately without
 * addresses, thresholds or anything else from configuration.
 *
 * @param overall the worst status of all targets; UNKNOWN when there are none
 */
@RegisterForReflection
public record StatusBoard(
    Instant generatedAt,
    HealthStatus overall,
    List<Maintenance> maintenance,
    List<ServiceStatus> services) {

  /** Days of uptime bars on the page. */
  public static final int DAYS = 90;

  /** One service in one environment. */
  @RegisterForReflection
  public record ServiceStatus(
      String service,
      String environment,
      HealthStatus status,
      Double uptime90d,
      List<DayBar> days,
      List<TargetStatus> targets) {}

  /** One target as the public sees it. */
  @RegisterForReflection
  public record TargetStatus(
      String id,
      TargetRole role,
      HealthStatus status,
      Instant since,
      Instant lastCheckedAt,
      String lastError) {}

  /** One day's uptime of a service; null percent when it was not probed that day. */
  @RegisterForReflection
  public record DayBar(LocalDate day, Double uptimePercent) {
    /** The bar's CSS class: none, ok (≥ 99.9 %), warn (≥ 99 %) or bad. */
    public String level() {
      if (uptimePercent == null) {
        return "none";
      }
      return uptimePercent >= 99.9 ? "ok" : uptimePercent >= 99.0 ? "warn" : "bad";
    }
  }

  /** A maintenance window in progress. */
  @RegisterForReflection
  public record Maintenance(
      List<String> services, String environment, Instant endsAt, String description) {}

  /** One service/environment's probes on one day. */
  public record DayTally(
      String service, String environment, LocalDate day, long probes, long failures) {}

  /** The board of {@code targets} (sorted by service, environment, id) as of {@code now}. */
  public static StatusBoard of(List<TargetHealth> targets, Instant now) {
    return of(targets, now, List.of(), List.of());
  }

  /** The board with daily uptime tallies and the maintenance in progress. */
  public static StatusBoard of(
      List<TargetHealth> targets,
      Instant now,
      List<DayTally> tallies,
      List<Maintenance> maintenance) {
    Map<String, List<TargetHealth>> groups = new LinkedHashMap<>();
    for (TargetHealth t : targets) {
      groups
          .computeIfAbsent(
              key(t.target().service(), t.target().environment()), k -> new ArrayList<>())
          .add(t);
    }
    Map<String, Map<LocalDate, DayTally>> byService = new LinkedHashMap<>();
    for (DayTally d : tallies) {
      byService
          .computeIfAbsent(key(d.service(), d.environment()), k -> new LinkedHashMap<>())
          .put(d.day(), d);
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<ServiceStatus> services = new ArrayList<>();
    for (Map.Entry<String, List<TargetHealth>> entry : groups.entrySet()) {
      List<TargetHealth> group = entry.getValue();
      List<TargetStatus> members =
          group.stream()
              .map(
                  t ->
                      new TargetStatus(
                          t.target().id(),
                          t.target().role(),
                          t.state().status(),
                          t.state().since(),
                          t.state().lastCheckedAt(),
                          t.state().lastError()))
              .toList();
      Map<LocalDate, DayTally> days = byService.getOrDefault(entry.getKey(), Map.of());
      List<DayBar> bars = new ArrayList<>();
      long probes = 0;
      long failures = 0;
      for (int i = DAYS - 1; i >= 0; i--) {
        LocalDate day = today.minusDays(i);
        DayTally d = days.get(day);
        bars.add(
            new DayBar(
                day, d == null || d.probes() == 0 ? null : percent(d.probes(), d.failures())));
        if (d != null) {
          probes += d.probes();
          failures += d.failures();
        }
      }
      services.add(
          new ServiceStatus(
              group.get(0).target().service(),
              group.get(0).target().environment(),
              worst(members.stream().map(TargetStatus::status).toList()),
              probes == 0 ? null : percent(probes, failures),
              bars,
              members));
    }
    return new StatusBoard(
        now, worst(services.stream().map(ServiceStatus::status).toList()), maintenance, services);
  }

  private static String key(String service, String environment) {
    return service + "\u0000" + environment;
  }

  private static double percent(long probes, long failures) {
    return Math.round(10_000.0 * (probes - failures) / probes) / 100.0;
  }

  /** The worst status: DOWN, then DEGRADED, UNKNOWN, MAINTENANCE, UP; UNKNOWN for none. */
  static HealthStatus worst(List<HealthStatus> statuses) {
    return statuses.stream()
        .max(Comparator.comparingInt(StatusBoard::badness))
        .orElse(HealthStatus.UNKNOWN);
  }

  private static int badness(HealthStatus status) {
    return switch (status) {
      case UP -> 0;
      case MAINTENANCE -> 1;
      case UNKNOWN -> 2;
      case DEGRADED -> 3;
      case DOWN -> 4;
    };
  }
}
