package dev.autopilot.health.probe;

import java.time.Instant;

/**
 * The result of one probe.
 *
 * @param at when the probe finished
 * @param soft true when it failed only on response-time or certificate conditions: the target
 *     answers, but badly (DEGRADED rather than DOWN)
 * @param error why it failed ({@code status 503}, {@code timeout after 5s}, {@code connection
 *     refused}); null when it succeeded
 */
public record ProbeOutcome(boolean ok, boolean soft, Instant at, long durationMs, String error) {
  /** A successful probe that took {@code durationMs}. */
  public static ProbeOutcome success(long durationMs) {
    return new ProbeOutcome(true, false, Instant.now(), durationMs, null);
  }

  /** A failed probe that took {@code durationMs}, and why. */
  public static ProbeOutcome failure(long durationMs, String error) {
    return new ProbeOutcome(false, false, Instant.now(), durationMs, error);
  }

  /** A probe that answered but failed only soft conditions (slow, certificate expiring). */
  public static ProbeOutcome degraded(long durationMs, String error) {
    return new ProbeOutcome(false, true, Instant.now(), durationMs, error);
  }
}
