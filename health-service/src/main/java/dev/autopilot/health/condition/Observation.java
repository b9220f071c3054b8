package dev.autopilot.health.condition;

import java.time.Duration;

/**
 * What one probe saw, the values conditions are evaluated against.
 *
 * @param connected whether the connection (and for postgres/redis the query) succeeded
 * @param status the HTTP status; null when there was no HTTP answer
 * @param responseTimeMs how long the probe took
 * @param body the response body (HTTP), the reply (redis {@code PONG}, postgres {@code 1}); null
 *     when there was none
 * @param certificateExpiration time left until the server certificate expires; null without TLS
 * @param error why the probe could not get an answer ({@code connection refused}); null if it got
 *     one
 */
public record Observation(
    boolean connected,
    Integer status,
    long responseTimeMs,
    String body,
    Duration certificateExpiration,
    String error) {

  /** A probe that got no answer, and why. */
  public static Observation failed(long responseTimeMs, String error) {
    return new Observation(false, null, responseTimeMs, null, null, error);
  }
}
