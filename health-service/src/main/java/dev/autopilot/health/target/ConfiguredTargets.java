package dev.autopilot.health.target;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.TargetKind;
import dev.autopilot.health.store.TargetRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    Set<String> allow = config.ssrf().allow().orElse(Set.of());
    List<TargetRecord> targets = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, HealthConfig.Target> entry :
        new TreeMap<>(config.targets()).entrySet()) {
      String id = entry.getKey();
      List<TargetViolation> violations = new ArrayList<>();
      TargetRecord target = record(id, entry.getValue(), violations);
      if (target != null) {
        violations.addAll(TargetValidator.violations(target, config.minimumInterval(), allow));
        targets.add(target);
      }
      for (TargetViolation v : violations) {
        String property =
            v.field().equals("id")
                ? "health.targets.\"" + id + "\""
                : "health.targets.\"" + id + "\"." + kebab(v.field());
        problems.add(property + " " + v.message());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "invalid health targets in configuration:\n  - " + String.join("\n  - ", problems));
    }
    return targets;
  }

  /** {@code failureThreshold} → {@code failure-threshold}, the spelling of the property. */
  static String kebab(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static TargetRecord record(
      String id, HealthConfig.Target t, List<TargetViolation> problems) {
    String address = t.address().or(t::url).map(String::strip).orElse(null);
    if (address == null) {
      problems.add(new TargetViolation("address", "is required (or url)"));
      return null;
    }
    TargetKind kind;
    if (t.kind().isPresent()) {
      try {
        kind = TargetKind.valueOf(t.kind().get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new TargetViolation("kind", "must be " + TargetKind.choices()));
        return null;
      }
    } else {
      TargetKind implied;
      try {
        implied = TargetKind.ofScheme(URI.create(address).getScheme());
      } catch (IllegalArgumentException e) {
        implied = null;
      }
      kind = implied == null ? TargetKind.HTTP : implied;
    }
    List<String> conditions =
        t.conditions()
            .orElseGet(
                () -> t.expectedStatus().map(s -> List.of("[STATUS] == " + s)).orElse(List.of()));
    return new TargetRecord(
        id,
        t.service(),
        t.environment(),
        kind,
        address,
        t.role(),
        t.interval(),
        t.timeout(),
        conditions,
        t.failureThreshold(),
        t.successThreshold(),
        t.criticality(),
        t.dependsOn().orElse(List.of()),
        Map.of(),
        List.of(),
        t.passwordEnv().orElse(null),
        TargetRecord.MANAGED_BY_CONFIG);
  }
}
