package dev.autopilot.console.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Template helpers: {@code {t:time(x)}}, {@code {t:ms(x)}}. */
@TemplateExtension(namespace = "t")
public final class Formats {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Formats() {}

  /**
   * An RFC 3339 instant as {@code 2026-11-23 22:25:30Z}; empty for none, as given if unparsable.
   */
  static String time(Object value) {
    if (value == null || value.toString().isBlank()) {
      return "";
    }
    try {
      return TIME.format(Instant.parse(value.toString()));
    } catch (DateTimeParseException e) {
      return value.toString();
    }
  }

  /** Milliseconds as {@code 1.2 s}, {@code 3 min 4 s}; empty for none. */
  static String ms(Object value) {
    if (!(value instanceof Number number)) {
      return "";
    }
    Duration d = Duration.ofMillis(number.longValue());
    if (d.toSeconds() < 60) {
      return String.format("%.1f s", d.toMillis() / 1000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }
}
