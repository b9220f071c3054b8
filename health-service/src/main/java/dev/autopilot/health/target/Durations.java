package dev.autopilot.health.target;

import java.time.Duration;

/** Durations as people write them in config and read them in messages: 5s, 300ms, 2m, 1h. */
public final class Durations {
  private Durations() {}

  /**
   * The shortest exact spelling: {@code 300ms}, {@code 5s}, {@code 90s}, {@code 2m}, {@code 1h}.
   */
  public static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
