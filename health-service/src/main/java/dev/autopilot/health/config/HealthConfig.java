package dev.autopilot.health.config;

import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;

/**
 * health-service configuration ({@code health.*}). Targets are config as code: {@code
 * health.targets."<id>".*}; they are validated at start and written to the {@code target} table.
 */
@ConfigMapping(prefix = "health")
public interface HealthConfig {
  /** The shortest probe interval a target may have; a target below it stops the start. */
  @WithDefault("5s")
  Duration minimumInterval();

  /** How probes run. */
  Probe probe();

  /** Probe results kept for uptime history. */
  History history();

  /** The targets to probe, by id (1-63 of a-z, 0-9, '-', '_'). */
  Map<String, Target> targets();

  /** How probes run. */
  interface Probe {
    /** Probes running at the same time at most; due probes wait for the next tick beyond it. */
    @WithDefault("64")
    @Min(1)
    @Max(10_000)
    int maxInFlight();

    /** User-Agent header of HTTP probes. */
    @WithDefault("autopilot-health-probe/1")
    String userAgent();
  }

  /** Probe results kept for uptime history. */
  interface History {
    /** Probe results older than this are purged. */
    @WithDefault("7d")
    Duration retention();
  }

  /** One health target. */
  interface Target {
    /** What to probe: an http:// or https:// URL, without user info (no secrets in URLs). */
    String url();

    /** The service the target belongs to, e.g. {@code checkout}. */
    String service();

    /** The environment the target runs in, e.g. {@code prod}. */
    String environment();

    /** What the probe answers: liveness (is it running) or readiness (can it serve). */
    @WithDefault("readiness")
    TargetRole role();

    /** Time between two probes; at least {@code health.minimum-interval}. */
    @WithDefault("30s")
    Duration interval();

    /** A probe without a full answer within this time fails ("timeout after 5s"). */
    @WithDefault("5s")
    Duration timeout();

    /** The HTTP status a healthy target answers. */
    @WithDefault("200")
    @Min(100)
    @Max(599)
    int expectedStatus();

    /** Consecutive failures that make the target DOWN (and emit health.degraded). */
    @WithDefault("3")
    @Min(1)
    @Max(100)
    int failureThreshold();

    /** Consecutive successes that make a DOWN target UP again (and emit health.recovered). */
    @WithDefault("2")
    @Min(1)
    @Max(100)
    int successThreshold();

    /** How much it matters when the target is down; alert-service derives severity from it. */
    @WithDefault("P1")
    Severity criticality();
  }
}
