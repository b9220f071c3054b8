package dev.autopilot.alert.api;

import dev.autopilot.platform.problem.ProblemException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parses query parameters with a 400 naming the parameter (JAX-RS would answer a failed conversion
 * with a bare 404).
 */
final class QueryParams {
  private QueryParams() {}

  /** An RFC 3339 time, or null when absent. */
  static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ProblemException.badField(name, "must be an RFC 3339 time like 2026-11-23T10:00:00Z");
    }
  }

  /** An enum constant (case-insensitive), or null when absent. */
  static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badField(
          name, "must be one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
