package dev.autopilot.health.history;

import dev.autopilot.health.store.RollupRepository;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** Uptime in percent over 24 h, 7 d, 30 d and 90 d, per target and per service/environment. */
@ApplicationScoped
public class Uptime {
  /** Uptime percentages; null where there were no probes in the window. */
  @RegisterForReflection
  public record Windows(Double last24h, Double last7d, Double last30d, Double last90d) {}

  private final RollupRepository rollups;

  public Uptime(RollupRepository rollups) {
    this.rollups = rollups;
  }

  /** A target's uptime as of {@code now}. */
  public Windows target(String targetId, Instant now) {
    return windows(from -> rollups.targetTally(targetId, from), now);
  }

  /** A service/environment's uptime (all its targets' probes together) as of {@code now}. */
  public Windows service(String service, String environment, Instant now) {
    return windows(from -> rollups.serviceTally(service, environment, from), now);
  }

  private static Windows windows(Function<Instant, RollupRepository.Tally> tally, Instant now) {
    return new Windows(
        tally.apply(now.minus(Duration.ofHours(24))).uptimePercent(),
        tally.apply(now.minus(Duration.ofDays(7))).uptimePercent(),
        tally.apply(now.minus(Duration.ofDays(30))).uptimePercent(),
        tally.apply(now.minus(Duration.ofDays(90))).uptimePercent());
  }
}
