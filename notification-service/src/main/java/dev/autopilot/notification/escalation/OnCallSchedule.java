package dev.autopilot.notification.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A weekly rotation: members (receiver names) take turns, one week each, handing off on {@code
 * handoffDay} at {@code handoffTime} in {@code zone} (wall-clock time, so a handoff stays at 09:00
 * across daylight-saving changes). The first member's first week begins at the first handoff on or
 * after {@code start}. An override in force wins over the rotation.
 */
public record OnCallSchedule(
    String name,
    ZoneId zone,
    DayOfWeek handoffDay,
    LocalTime handoffTime,
    LocalDate start,
    List<String> members,
    List<Override> overrides) {

  /** {@code member} is on call in [{@code start}, {@code end}). */
  public record Override(Instant start, Instant end, String member) {}

  /** Who is on call at {@code at}. */
  public String onCall(Instant at) {
    for (Override o : overrides) {
      if (!at.isBefore(o.start()) && at.isBefore(o.end())) {
        return o.member();
      }
    }
    ZonedDateTime local = at.atZone(zone);
    ZonedDateTime handoff =
        local
            .with(TemporalAdjusters.previousOrSame(handoffDay))
            .with(handoffTime)
            .truncatedTo(ChronoUnit.MINUTES);
    if (handoff.isAfter(local)) {
      handoff = handoff.minusWeeks(1);
    }
    LocalDate first = start.with(TemporalAdjusters.nextOrSame(handoffDay));
    long weeks = ChronoUnit.WEEKS.between(first, handoff.toLocalDate());
    return members.get((int) Math.floorMod(weeks, (long) members.size()));
  }
}
