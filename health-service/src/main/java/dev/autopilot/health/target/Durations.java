package dev.autopilot.health.target;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config and read them in messages: 5s, 300ms, 2m, 168h. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

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

  /**
   * Parses Go-style durations as Gatus writes them ({@code 168h}, {@code 1h30m}, {@code 500ms},
   * {@code 7d}); a bare number is milliseconds. Hand-written because {@link Duration#parse} wants
   * ISO-8601 ({@code PT168H}), which nobody writes in a YAML file.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text.strip();
    if (s.matches("\\d+")) {
      return Duration.ofMillis(Long.parseLong(s));
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    if (s.isEmpty() || end != s.length()) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a duration like 500ms, 30s, 5m, 168h or 1h30m");
    }
    return total;
  }
}
