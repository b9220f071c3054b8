package dev.autopilot.notification.channel;

import java.time.Duration;

/**
 * The outcome of one send attempt.
 *
 * @param delivered the channel accepted the message
 * @param retriable for a failure: whether trying again later may succeed (timeouts, refused
 *     connections, SMTP 4xx); false for failures that will repeat (SMTP 5xx, a malformed address)
 * @param error for a failure: what went wrong, for the log, the API and notification.failed
 * @param retryAfter for a retriable failure: the wait the receiver asked for (HTTP Retry-After), or
 *     null
 */
public record SendResult(boolean delivered, boolean retriable, String error, Duration retryAfter) {
  /** The channel accepted the message. */
  public static SendResult success() {
    return new SendResult(true, false, null, null);
  }

  /** A failure that may go away: try again later. */
  public static SendResult retriable(String error) {
    return new SendResult(false, true, error, null);
  }

  /** A failure that may go away, after at least {@code retryAfter}. */
  public static SendResult retriable(String error, Duration retryAfter) {
    return new SendResult(false, true, error, retryAfter);
  }

  /** A failure that will not go away by trying again. */
  public static SendResult permanent(String error) {
    return new SendResult(false, false, error, null);
  }
}
