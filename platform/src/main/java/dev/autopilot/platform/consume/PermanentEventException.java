package dev.autopilot.platform.consume;

/**
 * A record that can never be processed as it is (bad JSON, a missing field, an unknown type).
 *
 * <p>The error taxonomy of consumers: this exception sends the record straight to its dead-letter
 * topic; every other exception is treated as retriable (a database or broker hiccup) and retried
 * before the record is dead-lettered.
 */
public class PermanentEventException extends RuntimeException {
  public PermanentEventException(String message) {
    super(message);
  }

  public PermanentEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
