package dev.autopilot.notification.route;

import dev.autopilot.notification.mute.TimeInterval;
import dev.autopilot.notification.route.RoutingDocument.TimeIntervalSpec;
import dev.autopilot.notification.route.RoutingDocument.TimeRangeSpec;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Validates and compiles the {@code time_intervals} of a routing document (Alertmanager's weekdays,
 * times and location); errors name path and field, e.g. {@code
 * time_intervals[0].times[1].end_time}.
 */
final class TimeIntervalCompiler {
  private TimeIntervalCompiler() {}

  static Map<String, TimeInterval> intervals(
      List<TimeIntervalSpec> specs, BiConsumer<String, String> error) {
    Map<String, TimeInterval> byName = new LinkedHashMap<>();
    if (specs == null) {
      return byName;
    }
    for (int i = 0; i < specs.size(); i++) {
      String path = "time_intervals[" + i + "]";
      TimeIntervalSpec spec = specs.get(i);
      if (spec == null || spec.name() == null || spec.name().isBlank()) {
        error.accept(path + ".name", "is required");
        continue;
      }
      ZoneId zone = ZoneId.of("UTC");
      if (spec.location() != null) {
        try {
          zone = ZoneId.of(spec.location().strip());
        } catch (DateTimeException e) {
          error.accept(path + ".location", "is not a time zone like Europe/Berlin");
        }
      }
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      List<String> weekdays = spec.weekdays() == null ? List.of() : spec.weekdays();
      for (int d = 0; d < weekdays.size(); d++) {
        weekdays(path + ".weekdays[" + d + "]", weekdays.get(d), days, error);
      }
      List<TimeInterval.Range> ranges = new ArrayList<>();
      List<TimeRangeSpec> times = spec.times() == null ? List.of() : spec.times();
      for (int t = 0; t < times.size(); t++) {
        String p = path + ".times[" + t + "]";
        TimeRangeSpec range = times.get(t);
        LocalTime start = time(p + ".start_time", range == null ? null : range.startTime(), error);
        boolean midnight = range != null && "24:00".equals(range.endTime());
        LocalTime end =
            midnight
                ? LocalTime.MAX
                : time(p + ".end_time", range == null ? null : range.endTime(), error);
        if (start != null && end != null && !start.isBefore(end)) {
          error.accept(p + ".end_time", "must be after start_time");
        } else if (start != null && end != null) {
          ranges.add(new TimeInterval.Range(start, end, midnight));
        }
      }
      if (byName.put(spec.name().strip(), new TimeInterval(spec.name().strip(), days, ranges, zone))
          != null) {
        error.accept(path + ".name", "'" + spec.name() + "' is used by another time interval");
      }
    }
    return byName;
  }

  private static void weekdays(
      String path, String text, Set<DayOfWeek> into, BiConsumer<String, String> error) {
    Function<String, DayOfWeek> day =
        s -> {
          try {
            return DayOfWeek.valueOf(s.strip().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException | NullPointerException e) {
            return null;
          }
        };
    if (text == null) {
      error.accept(path, "is not a weekday or range like monday:friday");
      return;
    }
    String[] parts = text.split(":", 2);
    DayOfWeek from = day.apply(parts[0]);
    DayOfWeek to = parts.length == 2 ? day.apply(parts[1]) : from;
    if (from == null || to == null || to.compareTo(from) < 0) {
      error.accept(path, "is not a weekday or range like monday:friday");
      return;
    }
    for (DayOfWeek d = from; ; d = d.plus(1)) {
      into.add(d);
      if (d == to) {
        break;
      }
    }
  }

  private static LocalTime time(String path, String text, BiConsumer<String, String> error) {
    try {
      return LocalTime.parse(text);
    } catch (RuntimeException e) {
      error.accept(path, "is not a time like 09:00");
      return null;
    }
  }
}
