package dev.autopilot.health.target;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@code health.targets.*} into target records, refusing the lot if any is invalid. */
public final class ConfiguredTargets {
  private ConfiguredTargets() {}

  /**
   * The configured targets, sorted by id.
   *
   * @throws IllegalStateException naming every invalid property, e.g. {@code
   *     health.targets."api".interval is 2s, below the minimum 5s (health.minimum-interval)}
   */
  public static List<TargetRecord> from(HealthConfig config) {
    List<TargetRecord> targets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, HealthConfig.Target> entry :
        new TreeMap<>(config.targets()).entrySet()) {
      TargetRecord target = record(entry.getKey(), entry.getValue());
      for (TargetViolation v : TargetValidator.violations(target, config.minimumInterval())) {
        String property =
            v.field().equals("id")
                ? "health.targets.\"" + target.id() + "\""
                : "health.targets.\"" + target.id() + "\"." + v.field();
        problems.add(property + " " + v.message());
      }
      targets.add(target);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid health targets in configuration:\n  - " + String.join("\n  - ", problems));
    }
    return targets;
  }

  private static TargetRecord record(String id, HealthConfig.Target t) {
    return new TargetRecord(
        id,
        t.url().strip(),
        t.service(),
        t.environment(),
        t.role(),
        t.interval(),
        t.timeout(),
        t.expectedStatus(),
        t.failureThreshold(),
        t.successThreshold(),
        t.criticality(),
        TargetRecord.MANAGED_BY_CONFIG);
  }
}
