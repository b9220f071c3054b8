package dev.autopilot.health.metrics;

import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.platform.event.v1.HealthStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters: {@code autopilot.health.probes{target,outcome}} (success, degraded, failure), {@code
 * autopilot.health.probe.latency{outcome}} (one histogram over all targets, for p50/p95 in
 * Prometheus) and {@code autopilot.health.target.state{target}} (0 UP, 1 DEGRADED, 2 DOWN, 3
 * UNKNOWN, 4 MAINTENANCE: the {@link HealthStatus} ordinal).
 *
 * <p>Per target only a counter per outcome seen and the state gauge: at 10,000 targets every
 * per-target meter is 10,000 objects graphs in the heap and 10,000 series in every scrape. A
 * per-target latency timer (count/sum/max) was dropped for that reason; per-target latency is in
 * the per-minute rollups (p50/p95, {@code GET /targets/{id}/history}). The meters of a target are
 * looked up once and kept, so recording a probe allocates nothing.
 */
@ApplicationScoped
public class HealthMetrics {
  private static final String[] OUTCOMES = {"success", "degraded", "failure"};

  private final MeterRegistry registry;
  private final Map<String, TargetMeters> targets = new ConcurrentHashMap<>();
  private final Timer[] latency = new Timer[OUTCOMES.length];

  public HealthMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (int i = 0; i < OUTCOMES.length; i++) {
      latency[i] =
          Timer.builder("autopilot.health.probe.latency")
              .tag("outcome", OUTCOMES[i])
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofSeconds(30))
              .register(registry);
    }
  }

  /** Counts one probe and its latency. */
  public void probe(String targetId, ProbeOutcome outcome) {
    int result = outcome.ok() ? 0 : outcome.soft() ? 1 : 2;
    meters(targetId).probes(result).increment();
    latency[result].record(outcome.durationMs(), TimeUnit.MILLISECONDS);
  }

  /** Sets the state gauge of a target. */
  public void state(String targetId, HealthStatus status) {
    meters(targetId).state.set(status.ordinal());
  }

  private TargetMeters meters(String targetId) {
    return targets.computeIfAbsent(targetId, TargetMeters::new);
  }

  /**
   * One target's meters, registered when first used (a target that never fails has no failure
   * counter).
   */
  private final class TargetMeters {
    private final String target;
    private final AtomicInteger state = new AtomicInteger(HealthStatus.UNKNOWN.ordinal());
    private final Counter[] probes = new Counter[OUTCOMES.length];

    TargetMeters(String target) {
      this.target = target;
      Gauge.builder("autopilot.health.target.state", state, AtomicInteger::get)
          .tag("target", target)
          .register(registry);
    }

    Counter probes(int outcome) {
      Counter counter = probes[outcome];
      if (counter == null) {
        counter =
            Counter.builder("autopilot.health.probes")
                .tag("target", target)
                .tag("outcome", OUTCOMES[outcome])
                .register(registry);
        probes[outcome] = counter;
      }
      return counter;
    }
  }
}
