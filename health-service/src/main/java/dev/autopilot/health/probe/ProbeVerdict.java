package dev.autopilot.health.probe;

import dev.autopilot.health.condition.Condition;
import dev.autopilot.health.condition.Observation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns what a probe saw into its outcome: every condition must hold. When the probe got no answer,
 * the reason is what happened ({@code connection refused}); otherwise the first failed condition
 * ({@code status 503}, {@code [RESPONSE_TIME] < 500 failed (was 812)}). Failing only response-time
 * or certificate conditions is soft: the target answers, but badly (DEGRADED).
 */
public final class ProbeVerdict {
  private static final Set<Condition.Placeholder> SOFT =
      EnumSet.of(Condition.Placeholder.RESPONSE_TIME, Condition.Placeholder.CERTIFICATE_EXPIRATION);

  private ProbeVerdict() {}

  /** The outcome of {@code observation} under {@code conditions}. */
  public static ProbeOutcome of(List<Condition> conditions, Observation observation) {
    long ms = observation.responseTimeMs();
    List<Condition.Result> failed =
        conditions.stream().map(c -> c.evaluate(observation)).filter(r -> !r.ok()).toList();
    if (failed.isEmpty()) {
      return ProbeOutcome.success(ms);
    }
    if (observation.error() != null) {
      return ProbeOutcome.failure(ms, observation.error());
    }
    boolean soft =
        observation.connected() && failed.stream().allMatch(r -> SOFT.contains(r.placeholder()));
    String reason = reason(failed.get(0));
    return soft ? ProbeOutcome.degraded(ms, reason) : ProbeOutcome.failure(ms, reason);
  }

  private static String reason(Condition.Result r) {
    if (r.placeholder() == Condition.Placeholder.STATUS && r.actual() != null) {
      return r.actual().equals("none") ? "no HTTP status" : "status " + r.actual();
    }
    return r.source() + " failed" + (r.actual() == null ? "" : " (was " + r.actual() + ")");
  }
}
