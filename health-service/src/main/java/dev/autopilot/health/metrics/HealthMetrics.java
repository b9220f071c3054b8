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
 * autopilot.health.probe.duration{target}} (a histogram, for p50/p95 in Prometheus) and {@code
 * autopilot.health.target.state{target}} (0 UP, 1 DEGRADED, 2 DOWN, 3 UNKNOWN, 4 MAINTENANCE: the
 * {@link HealthStatus} ordinal).
 */
@ApplicationScoped
public class HealthMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> states = new ConcurrentHashMap<>();

  public HealthMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Counts one probe and its latency. */
  public void probe(String targetId, ProbeOutcome outcome) {
    String result = outcome.ok() ? "success" : outcome.soft() ? "degraded" : "failure";
    Counter.builder("autopilot.health.probes")
        .tag("target", targetId)
        .tag("outcome", result)
        .register(registry)
        .increment();
    // Per target: count, sum and max only (3 series). A histogram per target is ~70 series each,
    // which at 10,000 targets made /q/metrics fail with OutOfMemoryError (docs/benchmarks.md);
    // the latency distribution is one histogram over all targets, by outcome.
    Timer.builder("autopilot.health.probe.duration")
        .tag("target", targetId)
        .register(registry)
        .record(outcome.durationMs(), TimeUnit.MILLISECONDS);
    Timer.builder("autopilot.health.probe.latency")
        .tag("outcome", result)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(outcome.durationMs(), TimeUnit.MILLISECONDS);
  }

  /** Sets the state gauge of a target. */
  public void state(String targetId, HealthStatus status) {
    states
        .computeIfAbsent(
            targetId,
            id -> {
              AtomicInteger value = new AtomicInteger(HealthStatus.UNKNOWN.ordinal());
              Gauge.builder("autopilot.health.target.state", value, AtomicInteger::get)
                  .tag("target", id)
                  .register(registry);
              return value;
            })
        .set(status.ordinal());
  }
}
