package dev.autopilot.notification.mute;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A named weekly time interval (Alertmanager's time_intervals, reduced to weekdays and times of day
 * in one time zone). Empty weekdays mean every day; empty ranges mean the whole day.
 */
public record TimeInterval(String name, Set<DayOfWeek> weekdays, List<Range> ranges, ZoneId zone) {

  /** From {@code start} (inclusive) to {@code end} (exclusive); {@code 24:00} is end of day. */
  public record Range(LocalTime start, LocalTime end, boolean untilMidnight) {
    boolean contains(LocalTime t) {
      return !t.isBefore(start) && (untilMidnight || t.isBefore(end));
    }
  }

  /** Whether {@code instant} falls in this interval. */
  public boolean contains(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    if (!weekdays.isEmpty() && !weekdays.contains(local.getDayOfWeek())) {
      return false;
    }
    if (ranges.isEmpty()) {
      return true;
    }
    LocalTime time = local.toLocalTime();
    return ranges.stream().anyMatch(r -> r.contains(time));
  }
}
