package dev.autopilot.alert.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration as Prometheus writes it ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code
 * 1w}, {@code 500ms}) or ISO-8601 ({@code PT5M}). Hand-parsed: java.time only reads ISO-8601 and no
 * library in the dependency set reads Prometheus's format.
 */
public record PromDuration(String text, Duration duration) {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

  /** Parses; an {@link IllegalArgumentException} names the text. */
  @JsonCreator
  public static PromDuration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty duration");
    }
    String s = text.strip();
    if (s.startsWith("P") || s.startsWith("p")) {
      try {
        return new PromDuration(s, Duration.parse(s));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("invalid duration '" + s + "'");
      }
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
              });
      at = m.end();
    }
    if (at != s.length() || at == 0) {
      throw new IllegalArgumentException(
          "invalid duration '" + s + "' (expected e.g. 30s, 5m, 1h30m or PT5M)");
    }
    return new PromDuration(s, total);
  }

  /** Zero. */
  public static final PromDuration ZERO = new PromDuration("0s", Duration.ZERO);

  @JsonValue
  @Override
  public String text() {
    return text;
  }
}
