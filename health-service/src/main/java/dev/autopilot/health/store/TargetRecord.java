package dev.autopilot.health.store;

import dev.autopilot.platform.event.v1.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A target as stored: what to probe and how, how often, and when it counts as down or up again.
 *
 * @param address the URL to probe: {@code https://api/ready}, {@code tcp://db:5432}, {@code
 *     postgres://probe@db:5432/app}, {@code redis://cache:6379}
 * @param conditions Gatus conditions; empty means {@link #effectiveConditions() the default}
 * @param dependsOn ids of targets this one needs; when one of them is DOWN, this target's
 *     health.degraded names it in {@code suppressedBy}
 * @param passwordEnv the environment variable holding the postgres/redis password, if any
 * @param managedBy who owns the row: {@code config}, {@code file} or {@code api}
 */
@RegisterForReflection
public record TargetRecord(
    String id,
    String service,
    String environment,
    TargetKind kind,
    String address,
    TargetRole role,
    Duration interval,
    Duration timeout,
    List<String> conditions,
    int failureThreshold,
    int successThreshold,
    Severity criticality,
    List<String> dependsOn,
    Map<String, String> labels,
    List<TargetHeader> headers,
    String passwordEnv,
    String managedBy) {

  /** {@code managed_by} of targets written from {@code health.targets.*} at start. */
  public static final String MANAGED_BY_CONFIG = "config";

  /** {@code managed_by} of targets imported from the targets file. */
  public static final String MANAGED_BY_FILE = "file";

  /** {@code managed_by} of targets created through the REST API. */
  public static final String MANAGED_BY_API = "api";

  public TargetRecord {
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /**
   * The conditions probes check: the configured ones, else 200 for HTTP and connected for others.
   */
  public List<String> effectiveConditions() {
    if (!conditions.isEmpty()) {
      return conditions;
    }
    return kind == TargetKind.HTTP ? List.of("[STATUS] == 200") : List.of("[CONNECTED] == true");
  }
}
