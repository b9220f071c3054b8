package dev.autopilot.backup.retention;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.RetentionConfig;
import dev.autopilot.backup.config.SourceConfig;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The restic policy of each source: the global options with the source's own over them. */
public final class RetentionPolicies {
  private RetentionPolicies() {}

  /**
   * The policy of a source.
   *
   * @throws IllegalArgumentException for a bad duration or count (the startup check names it)
   */
  public static ExpirePolicy of(RetentionConfig global, SourceConfig source) {
    Optional<SourceConfig.Retention> own = source == null ? Optional.empty() : source.retention();
    return new ExpirePolicy(
        count(own, SourceConfig.Retention::keepLast, global.keepLast()),
        count(own, SourceConfig.Retention::keepHourly, global.keepHourly()),
        count(own, SourceConfig.Retention::keepDaily, global.keepDaily()),
        count(own, SourceConfig.Retention::keepWeekly, global.keepWeekly()),
        count(own, SourceConfig.Retention::keepMonthly, global.keepMonthly()),
        count(own, SourceConfig.Retention::keepYearly, global.keepYearly()),
        duration(own.flatMap(SourceConfig.Retention::keepWithin).or(global::keepWithin)),
        duration(global.keepWithinHourly()),
        duration(global.keepWithinDaily()),
        duration(global.keepWithinWeekly()),
        duration(global.keepWithinMonthly()),
        duration(global.keepWithinYearly()));
  }

  /** What is wrong with the retention configuration; empty when nothing is. */
  public static List<String> problems(BackupConfig config) {
    List<String> problems = new ArrayList<>();
    try {
      ZoneId.of(config.retention().zone());
    } catch (RuntimeException e) {
      problems.add("backup.retention.zone '" + config.retention().zone() + "' is not a time zone");
    }
    if (config.retention().protectedFor().isNegative()) {
      problems.add("backup.retention.protected-for must not be negative");
    }
    try {
      of(config.retention(), null);
    } catch (IllegalArgumentException e) {
      problems.add("backup.retention: " + e.getMessage());
    }
    config
        .sources()
        .forEach(
            (name, source) -> {
              try {
                of(config.retention(), source);
              } catch (IllegalArgumentException e) {
                problems.add("backup.sources.\"" + name + "\".retention: " + e.getMessage());
              }
            });
    return problems;
  }

  private static int count(
      Optional<SourceConfig.Retention> own,
      Function<SourceConfig.Retention, Optional<Integer>> key,
      int global) {
    int value = own.flatMap(key).orElse(global);
    if (value < -1) {
      throw new IllegalArgumentException("keep counts are -1 (all), 0 (off) or positive");
    }
    return value;
  }

  private static KeepDuration duration(Optional<String> text) {
    return text.map(KeepDuration::parse).orElse(KeepDuration.ZERO);
  }
}
