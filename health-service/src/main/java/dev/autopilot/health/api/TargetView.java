package dev.autopilot.health.api;

import dev.autopilot.health.status.TargetHealth;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;

/**
 * A target as the API shows it: its configuration and its current state. Query parameter values in
 * the URL are masked, in case someone put a token there.
 */
@RegisterForReflection
public record TargetView(
    String id,
    String url,
    String service,
    String environment,
    TargetRole role,
    Duration interval,
    Duration timeout,
    int expectedStatus,
    int failureThreshold,
    int successThreshold,
    Severity criticality,
    String managedBy,
    State state) {

  /** The current state of the target. */
  @RegisterForReflection
  public record State(
      HealthStatus status,
      int consecutiveFailures,
      int consecutiveSuccesses,
      Instant since,
      Instant lastCheckedAt,
      Long lastDurationMs,
      String lastError) {}

  static TargetView of(TargetHealth health) {
    TargetRecord t = health.target();
    TargetStateRecord s = health.state();
    return new TargetView(
        t.id(),
        maskQueryValues(t.url()),
        t.service(),
        t.environment(),
        t.role(),
        t.interval(),
        t.timeout(),
        t.expectedStatus(),
        t.failureThreshold(),
        t.successThreshold(),
        t.criticality(),
        t.managedBy(),
        new State(
            s.status(),
            s.consecutiveFailures(),
            s.consecutiveSuccesses(),
            s.since(),
            s.lastCheckedAt(),
            s.lastDurationMs(),
            s.lastError()));
  }

  /** {@code https://x/health?token=abc&v=1} → {@code https://x/health?token=***&v=***}. */
  static String maskQueryValues(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    int fragment = url.indexOf('#', query);
    String params = url.substring(query + 1, fragment < 0 ? url.length() : fragment);
    StringBuilder masked = new StringBuilder(url.substring(0, query + 1));
    String[] pairs = params.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      int eq = pairs[i].indexOf('=');
      masked
          .append(i == 0 ? "" : "&")
          .append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq) + "=***");
    }
    return masked.toString();
  }
}
