package dev.autopilot.notification.announce;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a maintenance window is announced (seed runbook 001): 7 days before it starts, 1 day before,
 * at its start and at its end. Announcements already past when the window is scheduled are not
 * sent, except that the latest missed advance notice (T-7d or T-1d) of a window that has not
 * started yet is sent at once: a window scheduled 3 days ahead still gets one advance notice.
 */
public final class AnnouncementPlan {
  /** The announcement at the window's start. */
  public static final String START = "START";

  /** The announcement at the window's end. */
  public static final String END = "END";

  private AnnouncementPlan() {}

  /** The announcements to schedule, by kind, in order; empty when the window is over. */
  public static Map<String, Instant> plan(Instant startsAt, Instant endsAt, Instant now) {
    Map<String, Instant> plan = new LinkedHashMap<>();
    if (startsAt == null) {
      return plan;
    }
    Instant weekBefore = startsAt.minus(Duration.ofDays(7));
    Instant dayBefore = startsAt.minus(Duration.ofDays(1));
    if (startsAt.isAfter(now)) {
      if (!weekBefore.isBefore(now)) {
        plan.put("T-7d", weekBefore);
        plan.put("T-1d", dayBefore);
      } else if (!dayBefore.isBefore(now)) {
        plan.put("T-7d", now);
        plan.put("T-1d", dayBefore);
      } else {
        plan.put("T-1d", now);
      }
      plan.put(START, startsAt);
    }
    if (endsAt != null && endsAt.isAfter(now) && endsAt.isAfter(startsAt)) {
      plan.put(END, endsAt);
    }
    return plan;
  }
}
