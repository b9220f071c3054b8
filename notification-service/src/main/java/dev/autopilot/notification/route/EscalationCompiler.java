package dev.autopilot.notification.route;

import dev.autopilot.notification.escalation.EscalationPolicy;
import dev.autopilot.notification.escalation.OnCallSchedule;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.RoutingDocument.EscalationPolicySpec;
import dev.autopilot.notification.route.RoutingDocument.LevelSpec;
import dev.autopilot.notification.route.RoutingDocument.OverrideSpec;
import dev.autopilot.notification.route.RoutingDocument.ScheduleSpec;
import dev.autopilot.platform.event.v1.Severity;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** Validates and compiles the on-call part of a routing document; errors name path and field. */
final class EscalationCompiler {
  /** Ack deadlines when the document names none (seed runbook 001: P0 15 min, P1 1 h). */
  static final Map<String, Duration> DEFAULT_ACK_DEADLINES =
      Map.of("P0", Duration.ofMinutes(15), "P1", Duration.ofHours(1));

  private EscalationCompiler() {}

  static Map<String, OnCallSchedule> schedules(
      List<ScheduleSpec> specs, Map<String, Receiver> receivers, BiConsumer<String, String> error) {
    Map<String, OnCallSchedule> byName = new LinkedHashMap<>();
    if (specs == null) {
      return byName;
    }
    for (int i = 0; i < specs.size(); i++) {
      String path = "schedules[" + i + "]";
      ScheduleSpec spec = specs.get(i);
      if (spec == null || spec.name() == null || spec.name().isBlank()) {
        error.accept(path + ".name", "is required");
        continue;
      }
      ZoneId zone = ZoneId.of("UTC");
      if (spec.timeZone() != null) {
        try {
          zone = ZoneId.of(spec.timeZone().strip());
        } catch (DateTimeException e) {
          error.accept(path + ".time_zone", "is not a time zone like Australia/Sydney");
        }
      }
      DayOfWeek day = DayOfWeek.MONDAY;
      if (spec.handoffDay() != null) {
        try {
          day = DayOfWeek.valueOf(spec.handoffDay().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          error.accept(path + ".handoff_day", "is not a weekday like monday");
        }
      }
      LocalTime time = LocalTime.of(9, 0);
      if (spec.handoffTime() != null) {
        try {
          time = LocalTime.parse(spec.handoffTime().strip());
        } catch (DateTimeException e) {
          error.accept(path + ".handoff_time", "is not a time like 09:00");
        }
      }
      LocalDate start = LocalDate.of(2026, 1, 5);
      if (spec.start() != null) {
        try {
          start = LocalDate.parse(spec.start().strip());
        } catch (DateTimeException e) {
          error.accept(path + ".start", "is not a date like 2026-11-02");
        }
      }
      List<String> members = spec.members() == null ? List.of() : spec.members();
      if (members.isEmpty()) {
        error.accept(path + ".members", "must name at least one receiver");
      }
      for (int m = 0; m < members.size(); m++) {
        if (!receivers.containsKey(members.get(m))) {
          error.accept(path + ".members[" + m + "]", "names no receiver: '" + members.get(m) + "'");
        }
      }
      List<OnCallSchedule.Override> overrides = new ArrayList<>();
      List<OverrideSpec> overrideSpecs = spec.overrides() == null ? List.of() : spec.overrides();
      for (int o = 0; o < overrideSpecs.size(); o++) {
        String p = path + ".overrides[" + o + "]";
        OverrideSpec os = overrideSpecs.get(o);
        Instant from = instant(p + ".start", os == null ? null : os.start(), error);
        Instant to = instant(p + ".end", os == null ? null : os.end(), error);
        if (os == null || os.member() == null || !receivers.containsKey(os.member())) {
          error.accept(p + ".member", "names no receiver");
        } else if (from != null && to != null) {
          if (!to.isAfter(from)) {
            error.accept(p + ".end", "must be after start");
          } else {
            overrides.add(new OnCallSchedule.Override(from, to, os.member()));
          }
        }
      }
      byName.put(
          spec.name().strip(),
          new OnCallSchedule(
              spec.name().strip(),
              zone,
              day,
              time,
              start,
              List.copyOf(members),
              List.copyOf(overrides)));
    }
    return byName;
  }

  static Map<String, EscalationPolicy> policies(
      List<EscalationPolicySpec> specs,
      Map<String, Receiver> receivers,
      Map<String, OnCallSchedule> schedules,
      BiConsumer<String, String> error) {
    Map<String, EscalationPolicy> byName = new LinkedHashMap<>();
    if (specs == null) {
      return byName;
    }
    for (int i = 0; i < specs.size(); i++) {
      String path = "escalation_policies[" + i + "]";
      EscalationPolicySpec spec = specs.get(i);
      if (spec == null || spec.name() == null || spec.name().isBlank()) {
        error.accept(path + ".name", "is required");
        continue;
      }
      int repeat = spec.repeat() == null ? 0 : spec.repeat();
      if (repeat < 0 || repeat > 10) {
        error.accept(path + ".repeat", "must be within 0..10");
      }
      List<LevelSpec> levelSpecs = spec.levels() == null ? List.of() : spec.levels();
      if (levelSpecs.isEmpty()) {
        error.accept(path + ".levels", "must have at least one level");
      }
      List<EscalationPolicy.Level> levels = new ArrayList<>();
      for (int l = 0; l < levelSpecs.size(); l++) {
        String p = path + ".levels[" + l + "]";
        LevelSpec level = levelSpecs.get(l);
        List<String> targets =
            level == null || level.targets() == null ? List.of() : level.targets();
        if (targets.isEmpty()) {
          error.accept(p + ".targets", "must name at least one schedule or receiver");
        }
        for (int t = 0; t < targets.size(); t++) {
          if (!schedules.containsKey(targets.get(t)) && !receivers.containsKey(targets.get(t))) {
            error.accept(
                p + ".targets[" + t + "]",
                "names no schedule or receiver: '" + targets.get(t) + "'");
          }
        }
        Duration timeout = Duration.ofMinutes(15);
        if (level != null && level.timeout() != null) {
          try {
            timeout = Durations.parse(level.timeout());
          } catch (IllegalArgumentException e) {
            error.accept(p + ".timeout", e.getMessage());
          }
        }
        levels.add(new EscalationPolicy.Level(List.copyOf(targets), timeout));
      }
      byName.put(
          spec.name().strip(),
          new EscalationPolicy(spec.name().strip(), repeat, List.copyOf(levels)));
    }
    return byName;
  }

  static Map<String, Duration> ackDeadlines(
      Map<String, String> spec, BiConsumer<String, String> error) {
    if (spec == null) {
      return DEFAULT_ACK_DEADLINES;
    }
    Map<String, Duration> deadlines = new LinkedHashMap<>();
    spec.forEach(
        (severity, text) -> {
          try {
            Severity.valueOf(severity);
          } catch (IllegalArgumentException e) {
            error.accept("ack_deadlines." + severity, "is not a severity P0..P3");
            return;
          }
          try {
            deadlines.put(severity, Durations.parse(text));
          } catch (IllegalArgumentException e) {
            error.accept("ack_deadlines." + severity, e.getMessage());
          }
        });
    return Map.copyOf(deadlines);
  }

  private static Instant instant(String path, String text, BiConsumer<String, String> error) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      error.accept(path, "is not an instant like 2026-11-23T09:00:00Z");
      return null;
    }
  }
}
