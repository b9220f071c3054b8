package dev.autopilot.notification.channel.http;

import dev.autopilot.notification.channel.SendResult;
import io.smallrye.mutiny.TimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP channels' error taxonomy. Delivered: 2xx. Retriable: 5xx, 408, 429 (with its {@code
 * Retry-After}, seconds or an HTTP date), timeouts and connection failures. Permanent: every other
 * status (a 400 or 404 repeats however often it is sent) and requests that cannot be built (a
 * malformed URL).
 */
public final class HttpOutcomes {
  private static final int MAX_BODY = 200;

  private HttpOutcomes() {}

  /** What an HTTP answer means. */
  public static SendResult classify(String what, int status, String retryAfter, String body) {
    if (status >= 200 && status < 300) {
      return SendResult.success();
    }
    String error = what + " answered HTTP " + status + snippet(body);
    if (status == 429) {
      return SendResult.retriable(error, retryAfter(retryAfter, Instant.now()));
    }
    if (status >= 500 || status == 408) {
      return SendResult.retriable(error, retryAfter(retryAfter, Instant.now()));
    }
    return SendResult.permanent(error);
  }

  /** What a failed request (no answer) means. */
  public static SendResult classify(String what, Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof IllegalArgumentException) {
        break;
      }
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    if (root instanceof IllegalArgumentException || failure instanceof IllegalArgumentException) {
      return SendResult.permanent(what + " request cannot be built" + message);
    }
    if (failure instanceof TimeoutException
        || root instanceof java.util.concurrent.TimeoutException) {
      return SendResult.retriable(what + " timed out");
    }
    return SendResult.retriable(
        what + " unreachable: " + root.getClass().getSimpleName() + message);
  }

  /** A {@code Retry-After} value as a wait from {@code now}; null when absent or malformed. */
  public static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static String snippet(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return ": " + (oneLine.length() <= MAX_BODY ? oneLine : oneLine.substring(0, MAX_BODY) + "…");
  }
}
