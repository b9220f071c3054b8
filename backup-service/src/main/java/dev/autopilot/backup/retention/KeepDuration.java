package dev.autopilot.backup.retention;

import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A restic retention duration such as {@code 1y5m7d2h}: calendar years, months and days, then
 * hours, subtracted from the newest backup's time ({@code AddDate(-y, -m, -d).Add(-h)} in restic).
 * Not a {@link java.time.Duration}: a month or a year has no fixed length.
 */
public record KeepDuration(int years, int months, int days, int hours) {
  private static final Pattern WHOLE = Pattern.compile("^(\\d+[ymdh])+$");
  private static final Pattern PART = Pattern.compile("(\\d+)([ymdh])");

  /** No duration: the option is off. */
  public static final KeepDuration ZERO = new KeepDuration(0, 0, 0, 0);

  /**
   * Parses restic's form: numbers each followed by {@code y}, {@code m}, {@code d} or {@code h}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static KeepDuration parse(String text) {
    if (text == null || !WHOLE.matcher(text.strip()).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration like 1y5m7d2h (units y, m, d, h)");
    }
    int[] values = new int[4];
    Matcher m = PART.matcher(text.strip());
    while (m.find()) {
      int value = Integer.parseInt(m.group(1));
      switch (m.group(2)) {
        case "y" -> values[0] += value;
        case "m" -> values[1] += value;
        case "d" -> values[2] += value;
        default -> values[3] += value;
      }
    }
    return new KeepDuration(values[0], values[1], values[2], values[3]);
  }

  /** True when every part is zero (restic's {@code Zero()}): the option is off. */
  public boolean isZero() {
    return years == 0 && months == 0 && days == 0 && hours == 0;
  }

  /** The instant this duration before {@code latest}, calendar-wise in latest's zone. */
  public ZonedDateTime before(ZonedDateTime latest) {
    return latest.minusYears(years).minusMonths(months).minusDays(days).minusHours(hours);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (years != 0) {
      s.append(years).append('y');
    }
    if (months != 0) {
      s.append(months).append('m');
    }
    if (days != 0) {
      s.append(days).append('d');
    }
    if (hours != 0) {
      s.append(hours).append('h');
    }
    return s.length() == 0 ? "0h" : s.toString();
  }
}
