package dev.autopilot.notification.route;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Alertmanager-style durations: {@code 30s}, {@code 5m}, {@code 4h}, {@code 1d}, {@code 1h30m}. */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("^(\\d+(ms|s|m|h|d|w))+$");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException when it is not like 30s, 5m, 4h, 1d
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text.strip()).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 5m, 4h, 1d");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text.strip());
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
              });
    }
    return total;
  }
}
