package dev.autopilot.health.api;

import dev.autopilot.health.status.TargetHealth;
import dev.autopilot.health.store.TargetHeader;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.platform.event.v1.HealthStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A target as the API shows it: its definition (the same shape as a POST body and targets.yaml) and
 * its current state. Query parameter values in the address and literal header values are masked, in
 * case someone put a token there; env-var names are shown, never their values.
 */
@RegisterForReflection
public record TargetView(
    String id,
    String service,
    String environment,
    String kind,
    String address,
    String role,
    String interval,
    String timeout,
    List<String> conditions,
    int failureThreshold,
    int successThreshold,
    String criticality,
    List<String> dependsOn,
    Map<String, String> labels,
    List<TargetHeader> headers,
    String passwordEnv,
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
        t.service(),
        t.environment(),
        t.kind().label(),
        maskQueryValues(t.address()),
        t.role().name().toLowerCase(Locale.ROOT),
        dev.autopilot.health.target.Durations.human(t.interval()),
        dev.autopilot.health.target.Durations.human(t.timeout()),
        t.effectiveConditions(),
        t.failureThreshold(),
        t.successThreshold(),
        t.criticality().name(),
        t.dependsOn(),
        t.labels(),
        t.headers().stream()
            .map(
                h -> new TargetHeader(h.name(), h.value() == null ? null : "***", h.valueFromEnv()))
            .toList(),
        t.passwordEnv(),
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
