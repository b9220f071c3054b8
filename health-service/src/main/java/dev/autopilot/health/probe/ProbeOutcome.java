package dev.autopilot.health.probe;

import java.time.Instant;

/**
 * The result of one probe.
 *
 * @param at when the probe finished
 * @param error why it failed ({@code status 503}, {@code timeout after 5s}, {@code connection
 *     refused}); null when it succeeded
 */
public record ProbeOutcome(boolean ok, Instant at, long durationMs, String error) {
  /** A successful probe that took {@code durationMs}. */
  public static ProbeOutcome success(long durationMs) {
    return new ProbeOutcome(true, Instant.now(), durationMs, null);
  }

  /** A failed probe that took {@code durationMs}, and why. */
  public static ProbeOutcome failure(long durationMs, String error) {
    return new ProbeOutcome(false, Instant.now(), durationMs, error);
  }
}
