package dev.autopilot.backup.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * What restic's {@code forget} keeps: the newest {@code last} backups, the newest backup of each of
 * the newest {@code hourly/daily/weekly/monthly/yearly} periods that contain one (-1: every
 * period), everything within {@code within} of the newest backup, and the newest of each period
 * within the {@code within*} durations. A backup matching any option is kept (the options are
 * ORed). All zero is the empty policy, which keeps everything (restic refuses to forget all).
 */
public record ExpirePolicy(
    int last,
    int hourly,
    int daily,
    int weekly,
    int monthly,
    int yearly,
    KeepDuration within,
    KeepDuration withinHourly,
    KeepDuration withinDaily,
    KeepDuration withinWeekly,
    KeepDuration withinMonthly,
    KeepDuration withinYearly) {

  /** A policy of counts only. */
  public static ExpirePolicy counts(
      int last, int hourly, int daily, int weekly, int monthly, int yearly) {
    return new ExpirePolicy(
        last,
        hourly,
        daily,
        weekly,
        monthly,
        yearly,
        KeepDuration.ZERO,
        KeepDuration.ZERO,
        KeepDuration.ZERO,
        KeepDuration.ZERO,
        KeepDuration.ZERO,
        KeepDuration.ZERO);
  }

  /** True when nothing is configured: everything is kept. */
  public boolean isEmpty() {
    return last == 0
        && hourly == 0
        && daily == 0
        && weekly == 0
        && monthly == 0
        && yearly == 0
        && within.isZero()
        && withinHourly.isZero()
        && withinDaily.isZero()
        && withinWeekly.isZero()
        && withinMonthly.isZero()
        && withinYearly.isZero();
  }

  /** The policy in words, like restic's "Applying Policy" line. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    count(parts, last, "latest");
    count(parts, hourly, "hourly");
    count(parts, daily, "daily");
    count(parts, weekly, "weekly");
    count(parts, monthly, "monthly");
    count(parts, yearly, "yearly");
    within(parts, withinHourly, "hourly");
    within(parts, withinDaily, "daily");
    within(parts, withinWeekly, "weekly");
    within(parts, withinMonthly, "monthly");
    within(parts, withinYearly, "yearly");
    if (!within.isZero()) {
      parts.add("all backups within " + within + " of the newest");
    }
    return parts.isEmpty() ? "keep everything (empty policy)" : "keep " + String.join(", ", parts);
  }

  private static void count(List<String> parts, int count, String what) {
    if (count > 0) {
      parts.add(count + " " + what);
    } else if (count == -1) {
      parts.add("all " + what);
    }
  }

  private static void within(List<String> parts, KeepDuration d, String what) {
    if (!d.isZero()) {
      parts.add(what + " backups within " + d);
    }
  }
}
