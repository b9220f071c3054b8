package dev.autopilot.backup.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The retention options (restic's --keep-*), {@code backup.retention.*}, for every source unless it
 * overrides them ({@link SourceConfig.Retention}).
 */
public interface RetentionConfig {
  /** Keep the newest n backups. */
  @WithDefault("0")
  int keepLast();

  /** Keep the newest backup of each of the newest n hours that have one (-1: every hour). */
  @WithDefault("0")
  int keepHourly();

  /** Keep the newest backup of each of the newest n days that have one (-1: every day). */
  @WithDefault("7")
  int keepDaily();

  /** Keep the newest backup of each of the newest n ISO weeks (Monday–Sunday) that have one. */
  @WithDefault("4")
  int keepWeekly();

  /** Keep the newest backup of each of the newest n months that have one. */
  @WithDefault("12")
  int keepMonthly();

  /** Keep the newest backup of each of the newest n years that have one. */
  @WithDefault("0")
  int keepYearly();

  /** Keep every backup within this restic duration (e.g. 1y5m7d2h) of the newest backup. */
  Optional<String> keepWithin();

  /** Keep the newest backup of each hour within this duration of the newest backup. */
  Optional<String> keepWithinHourly();

  /** Keep the newest backup of each day within this duration of the newest backup. */
  Optional<String> keepWithinDaily();

  /** Keep the newest backup of each week within this duration of the newest backup. */
  Optional<String> keepWithinWeekly();

  /** Keep the newest backup of each month within this duration of the newest backup. */
  Optional<String> keepWithinMonthly();

  /** Keep the newest backup of each year within this duration of the newest backup. */
  Optional<String> keepWithinYearly();

  /** PRE_DEPLOY and MIGRATION backups are kept at least this long, whatever the policy. */
  @WithDefault("30d")
  Duration protectedFor();

  /** The time zone whose calendar defines hours, days, weeks, months and years. */
  @WithDefault("UTC")
  String zone();

  /** When retention is applied automatically (Quarkus cron); {@code off} disables it. */
  @WithDefault("0 30 3 * * ?")
  String schedule();
}
