package dev.autopilot.notification.delivery;

import dev.autopilot.notification.config.NotificationConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether and when a failed notification is tried again: after the n-th failed attempt it
 * waits {@code initialBackoff × 2^(n-1)}, at most {@code maxBackoff}; after {@code maxAttempts}
 * attempts, or after a permanent failure, it gives up.
 */
public final class RetryPolicy {
  private static final int MAX_DOUBLINGS = 30;

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= initialBackoff <= maxBackoff, got " + initialBackoff + " and " + maxBackoff);
    }
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** The policy {@code notification.delivery.*} configures. */
  public static RetryPolicy of(NotificationConfig.Delivery delivery) {
    return new RetryPolicy(
        delivery.maxAttempts(), delivery.initialBackoff(), delivery.maxBackoff());
  }

  /**
   * After a failed attempt: how long to wait before the next one, or empty to give up.
   *
   * @param attemptsMade attempts made so far, the failed one included (1 after the first)
   * @param retriable whether the failure may go away (see {@code SendResult#retriable})
   */
  public Optional<Duration> retryAfter(int attemptsMade, boolean retriable) {
    if (!retriable || attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    return Optional.of(backoff(attemptsMade));
  }

  /** The wait after the given number of failed attempts, ignoring the attempt limit. */
  public Duration backoff(int attemptsMade) {
    int doublings = Math.max(0, Math.min(attemptsMade - 1, MAX_DOUBLINGS));
    Duration wait;
    try {
      wait = initialBackoff.multipliedBy(1L << doublings);
    } catch (ArithmeticException overflow) {
      return maxBackoff;
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** Attempts a notification gets before it is FAILED. */
  public int maxAttempts() {
    return maxAttempts;
  }
}
