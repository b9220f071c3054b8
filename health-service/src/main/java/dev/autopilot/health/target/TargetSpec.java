package dev.autopilot.health.target;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.autopilot.health.store.TargetHeader;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetRole;
import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A target as written in targets.yaml and in REST bodies (the same shape, Gatus-like): durations as
 * {@code 30s}, enums in lower case, everything but id, service, environment and address optional.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetSpec(
    String id,
    String service,
    String environment,
    String kind,
    @JsonAlias("url") String address,
    String role,
    String interval,
    String timeout,
    List<String> conditions,
    Integer failureThreshold,
    Integer successThreshold,
    String criticality,
    List<String> dependsOn,
    Map<String, String> labels,
    List<TargetHeader> headers,
    String passwordEnv) {

  /** The default interval, 30 s. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** The default timeout, 5 s (or the interval if shorter). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** The spec with another id (for PUT /targets/{id}, whose path names the target). */
  public TargetSpec withId(String newId) {
    return new TargetSpec(
        newId,
        service,
        environment,
        kind,
        address,
        role,
        interval,
        timeout,
        conditions,
        failureThreshold,
        successThreshold,
        criticality,
        dependsOn,
        labels,
        headers,
        passwordEnv);
  }

  /**
   * The record this spec describes, with defaults filled in, and every field that cannot even be
   * read (a bad duration, an unknown kind) added to {@code problems}; the record is then null.
   */
  public TargetRecord toRecord(String managedBy, List<TargetViolation> problems) {
    List<TargetViolation> found = new ArrayList<>();
    Duration parsedInterval = duration(found, "interval", interval, DEFAULT_INTERVAL);
    Duration defaultTimeout =
        parsedInterval != null && parsedInterval.compareTo(DEFAULT_TIMEOUT) < 0
            ? parsedInterval
            : DEFAULT_TIMEOUT;
    Duration parsedTimeout = duration(found, "timeout", timeout, defaultTimeout);
    TargetKind parsedKind = kind(found);
    TargetRole parsedRole = TargetRole.READINESS;
    if (role != null) {
      try {
        parsedRole = TargetRole.valueOf(role.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        found.add(new TargetViolation("role", "must be liveness or readiness"));
      }
    }
    Severity parsedCriticality = Severity.P1;
    if (criticality != null) {
      try {
        parsedCriticality = Severity.valueOf(criticality.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        found.add(new TargetViolation("criticality", "must be one of P0, P1, P2, P3"));
      }
    }
    if (address == null || address.isBlank()) {
      found.add(new TargetViolation("address", "is required"));
    }
    problems.addAll(found);
    if (!found.isEmpty()) {
      return null;
    }
    return new TargetRecord(
        id,
        service,
        environment,
        parsedKind,
        address.strip(),
        parsedRole,
        parsedInterval,
        parsedTimeout,
        conditions,
        failureThreshold == null ? 3 : failureThreshold,
        successThreshold == null ? 2 : successThreshold,
        parsedCriticality,
        dependsOn,
        labels,
        headers,
        passwordEnv,
        managedBy);
  }

  private TargetKind kind(List<TargetViolation> found) {
    if (kind == null) {
      try {
        TargetKind implied =
            address == null ? null : TargetKind.ofScheme(java.net.URI.create(address).getScheme());
        return implied == null ? TargetKind.HTTP : implied;
      } catch (IllegalArgumentException e) {
        return TargetKind.HTTP;
      }
    }
    try {
      return TargetKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      found.add(new TargetViolation("kind", "must be " + TargetKind.choices()));
      return null;
    }
  }

  private static Duration duration(
      List<TargetViolation> found, String field, String value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      found.add(new TargetViolation(field, e.getMessage()));
      return null;
    }
  }

  /** The spec of a stored target (for the API's answers and round trips). */
  public static TargetSpec of(TargetRecord t) {
    return new TargetSpec(
        t.id(),
        t.service(),
        t.environment(),
        t.kind().label(),
        t.address(),
        t.role().name().toLowerCase(Locale.ROOT),
        Durations.human(t.interval()),
        Durations.human(t.timeout()),
        t.conditions(),
        t.failureThreshold(),
        t.successThreshold(),
        t.criticality().name(),
        t.dependsOn(),
        t.labels(),
        t.headers(),
        t.passwordEnv());
  }
}
