package dev.autopilot.health.api;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the status page writes times: UTC wall-clock and "for 3m 12s". */
@TemplateExtension
public final class StatusPageFormats {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private StatusPageFormats() {}

  /** {@code 2026-11-23 10:00:00 UTC}, or a dash for no time. */
  static String utc(Instant instant) {
    return instant == null ? "—" : UTC.format(instant);
  }

  /** How long ago {@code instant} was, relative to {@code now}: {@code 3m 12s}, {@code 2h 5m}. */
  static String age(Instant instant, Instant now) {
    if (instant == null) {
      return "—";
    }
    long seconds = Math.max(0, Duration.between(instant, now).toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m " + seconds % 60 + "s";
    }
    if (seconds < 86_400) {
      return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
    }
    return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
  }
}
