package dev.autopilot.notification.delivery;

import dev.autopilot.notification.config.NotificationConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether and when a failed notification is tried again: after the n-th failed attempt it
 * waits {@code initialBackoff × 2^(n-1)}, at most {@code maxBackoff}, less a random share of up to
 * {@code jitter}; never less than the receiver's {@code Retry-After}. After {@code maxAttempts}
 * attempts, after a permanent failure, or when the next attempt would fall after {@code
 * maxTotalTime} from the notification's creation, it gives up. Only failures the channel calls
 * retriable (timeouts, refused connections, HTTP 5xx / 408 / 429, SMTP 4xx) are retried.
 */
public final class RetryPolicy {
  private static final int MAX_DOUBLINGS = 30;

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double jitter;
  private final Duration maxTotalTime;

  /** Without jitter or a total time limit. */
  public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this(maxAttempts, initialBackoff, maxBackoff, 0, null);
  }

  /**
   * @param jitter share of each backoff that may randomly be taken off, 0 to 1
   * @param maxTotalTime how long after its creation a notification may still be attempted; null for
   *     no limit
   */
  public RetryPolicy(
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      double jitter,
      Duration maxTotalTime) {
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
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("jitter must be within 0..1, not " + jitter);
    }
    this.jitter = jitter;
    this.maxTotalTime = maxTotalTime;
  }

  /** The policy {@code notification.delivery.*} configures. */
  public static RetryPolicy of(NotificationConfig.Delivery delivery) {
    return new RetryPolicy(
        delivery.maxAttempts(),
        delivery.initialBackoff(),
        delivery.maxBackoff(),
        delivery.jitter(),
        delivery.maxTotalTime());
  }

  /**
   * After a failed attempt: how long to wait before the next one, or empty to give up.
   *
   * @param attemptsMade attempts made so far, the failed one included
   * @param retriable whether the failure may go away
   * @param retryAfter the receiver's {@code Retry-After}, or null
   * @param elapsed time since the notification was created
   * @param random a number in [0, 1) choosing the jitter
   */
  public Optional<Duration> next(
      int attemptsMade, boolean retriable, Duration retryAfter, Duration elapsed, double random) {
    if (!retriable || attemptsMade >= maxAttempts) {
      return Optional.empty();
    }
    Duration wait = backoff(attemptsMade);
    wait = Duration.ofMillis(Math.round(wait.toMillis() * (1 - jitter * random)));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    if (maxTotalTime != null && elapsed.plus(wait).compareTo(maxTotalTime) > 0) {
      return Optional.empty();
    }
    return Optional.of(wait);
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
