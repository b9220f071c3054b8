package dev.autopilot.health.status;

import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.HealthStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public status page's content: every service and environment with its targets and the worst of
 * their statuses. Deliberately without URLs, thresholds or anything else from configuration.
 *
 * @param overall the worst status of all targets; UNKNOWN when there are none
 */
@RegisterForReflection
public record StatusBoard(Instant generatedAt, HealthStatus overall, List<ServiceStatus> services) {

  /** One service in one environment. */
  @RegisterForReflection
  public record ServiceStatus(
      String service, String environment, HealthStatus status, List<TargetStatus> targets) {}

  /** One target as the public sees it. */
  @RegisterForReflection
  public record TargetStatus(
      String id,
      TargetRole role,
      HealthStatus status,
      Instant since,
      Instant lastCheckedAt,
      String lastError) {}

  /** The board of {@code targets} (sorted by service, environment, id) as of {@code now}. */
  public static StatusBoard of(List<TargetHealth> targets, Instant now) {
    Map<String, List<TargetHealth>> groups = new LinkedHashMap<>();
    for (TargetHealth t : targets) {
      groups
          .computeIfAbsent(
              t.target().service() + "\u0000" + t.target().environment(), k -> new ArrayList<>())
          .add(t);
    }
    List<ServiceStatus> services = new ArrayList<>();
    for (List<TargetHealth> group : groups.values()) {
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
      services.add(
          new ServiceStatus(
              group.get(0).target().service(),
              group.get(0).target().environment(),
              worst(members.stream().map(TargetStatus::status).toList()),
              members));
    }
    return new StatusBoard(
        now, worst(services.stream().map(ServiceStatus::status).toList()), services);
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
