package dev.autopilot.notification.mute;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The mute stage: a route is muted while one of its {@code mute_time_intervals} is in force, or,
 * when it has {@code active_time_intervals}, while none of them is.
 */
public final class Muter {
  private Muter() {}

  /** Whether a route with these intervals is muted at {@code now}. */
  public static boolean muted(
      List<String> muteIntervals,
      List<String> activeIntervals,
      Map<String, TimeInterval> intervals,
      Instant now) {
    for (String name : muteIntervals) {
      TimeInterval interval = intervals.get(name);
      if (interval != null && interval.contains(now)) {
        return true;
      }
    }
    if (activeIntervals.isEmpty()) {
      return false;
    }
    for (String name : activeIntervals) {
      TimeInterval interval = intervals.get(name);
      if (interval != null && interval.contains(now)) {
        return false;
      }
    }
    return true;
  }
}
