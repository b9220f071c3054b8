package dev.autopilot.backup.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * restic's {@code forget} policy (internal/restic/snapshot_policy.go, ApplyPolicy), ported as is so
 * that a policy keeps exactly what restic would: backups are walked newest first; each count option
 * keeps a backup when its period (hour, day, ISO week Monday–Sunday, month, year) differs from the
 * previous kept one's and counts remain, and also keeps the oldest backup while counts remain;
 * {@code within} options are relative to the newest backup that is not in the future. There is no
 * Java library for this; the port is small and table-tested against restic's documented examples.
 */
public final class ForgetPolicy {
  private ForgetPolicy() {}

  /** A backup as the policy sees it: an id and its time. */
  public record Item<T>(T id, Instant time) {}

  /** A kept backup and every rule that keeps it, in restic's words ("daily snapshot", ...). */
  public record Kept<T>(Item<T> item, List<String> matches) {}

  /** What to keep (newest first, with reasons) and what to remove. */
  public record Decision<T>(List<Kept<T>> keep, List<Item<T>> remove) {}

  /**
   * Applies {@code policy} to one group of backups.
   *
   * @param now backups after {@code now} are not taken as the newest for the within options
   * @param zone the zone whose calendar defines hours, days, weeks, months and years
   */
  public static <T> Decision<T> apply(
      List<Item<T>> items, ExpirePolicy policy, Instant now, ZoneId zone) {
    List<Item<T>> list = new ArrayList<>(items);
    // sort.Stable by time, newest first
    list.sort(Comparator.comparing((Item<T> i) -> i.time()).reversed());
    List<Kept<T>> keep = new ArrayList<>();
    List<Item<T>> remove = new ArrayList<>();
    if (policy.isEmpty()) {
      list.forEach(i -> keep.add(new Kept<>(i, List.of("policy is empty"))));
      return new Decision<>(keep, remove);
    }
    if (list.isEmpty()) {
      return new Decision<>(keep, remove);
    }
    Bucket[] buckets = {
      new Bucket(policy.last(), (d, nr) -> (long) nr, "last snapshot"),
      new Bucket(policy.hourly(), (d, nr) -> ymdh(d), "hourly snapshot"),
      new Bucket(policy.daily(), (d, nr) -> ymd(d), "daily snapshot"),
      new Bucket(policy.weekly(), (d, nr) -> yw(d), "weekly snapshot"),
      new Bucket(policy.monthly(), (d, nr) -> ym(d), "monthly snapshot"),
      new Bucket(policy.yearly(), (d, nr) -> (long) d.getYear(), "yearly snapshot"),
    };
    WithinBucket[] within = {
      new WithinBucket(policy.withinHourly(), ForgetPolicy::ymdh, "hourly within"),
      new WithinBucket(policy.withinDaily(), ForgetPolicy::ymd, "daily within"),
      new WithinBucket(policy.withinWeekly(), ForgetPolicy::yw, "weekly within"),
      new WithinBucket(policy.withinMonthly(), ForgetPolicy::ym, "monthly within"),
      new WithinBucket(policy.withinYearly(), d -> (long) d.getYear(), "yearly within"),
    };
    ZonedDateTime latest = latest(list, now, zone);
    for (int nr = 0; nr < list.size(); nr++) {
      Item<T> cur = list.get(nr);
      ZonedDateTime time = cur.time().atZone(zone);
      List<String> reasons = new ArrayList<>();
      if (!policy.within().isZero() && time.isAfter(policy.within().before(latest))) {
        reasons.add("within " + policy.within());
      }
      boolean oldest = nr == list.size() - 1;
      for (Bucket b : buckets) {
        if (b.count > 0 || b.count == -1) {
          long value = b.bucker.apply(time, nr);
          if (value != b.last || oldest) {
            reasons.add(value == b.last ? "oldest " + b.reason : b.reason);
            b.last = value;
            if (b.count > 0) {
              b.count--;
            }
          }
        }
      }
      for (WithinBucket b : within) {
        if (!b.within.isZero() && time.isAfter(b.within.before(latest))) {
          long value = b.bucker.apply(time);
          if (value != b.last) {
            reasons.add(b.reason + " " + b.within);
            b.last = value;
          }
        }
      }
      if (reasons.isEmpty()) {
        remove.add(cur);
      } else {
        keep.add(new Kept<>(cur, List.copyOf(reasons)));
      }
    }
    return new Decision<>(keep, remove);
  }

  /** The newest backup's time that is not after {@code now} (restic's findLatestTimestamp). */
  private static <T> ZonedDateTime latest(List<Item<T>> list, Instant now, ZoneId zone) {
    Instant latest = Instant.EPOCH.minusSeconds(62_135_596_800L); // Go's zero time, year 1
    for (Item<T> item : list) {
      if (item.time().isAfter(latest) && item.time().isBefore(now)) {
        latest = item.time();
      }
    }
    return latest.atZone(zone);
  }

  static long ymdh(ZonedDateTime d) {
    return d.getYear() * 1_000_000L
        + d.getMonthValue() * 10_000L
        + d.getDayOfMonth() * 100L
        + d.getHour();
  }

  static long ymd(ZonedDateTime d) {
    return d.getYear() * 10_000L + d.getMonthValue() * 100L + d.getDayOfMonth();
  }

  /** ISO week-based year and week (Monday to Sunday), as Go's ISOWeek. */
  static long yw(ZonedDateTime d) {
    return d.get(IsoFields.WEEK_BASED_YEAR) * 100L + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  static long ym(ZonedDateTime d) {
    return d.getYear() * 100L + d.getMonthValue();
  }

  /** A count option's state while walking: counts left and the last period kept (-1: none). */
  private static final class Bucket {
    int count;
    final BiFunction<ZonedDateTime, Integer, Long> bucker;
    long last = -1;
    final String reason;

    Bucket(int count, BiFunction<ZonedDateTime, Integer, Long> bucker, String reason) {
      this.count = count;
      this.bucker = bucker;
      this.reason = reason;
    }
  }

  /** A within option's state while walking. */
  private static final class WithinBucket {
    final KeepDuration within;
    final java.util.function.Function<ZonedDateTime, Long> bucker;
    long last = -1;
    final String reason;

    WithinBucket(
        KeepDuration within,
        java.util.function.Function<ZonedDateTime, Long> bucker,
        String reason) {
      this.within = within;
      this.bucker = bucker;
      this.reason = reason;
    }
  }
}
