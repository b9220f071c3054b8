package dev.autopilot.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  @ParameterizedTest(name = "max {0}, backoff {1}..{2}: after {3} attempt(s), retriable={4} → {5}")
  @CsvSource({
    // maxAttempts, initial, max, attemptsMade, retriable, expected wait (or "give up")
    "5, PT2S, PT10M, 1, true,  PT2S",
    "5, PT2S, PT10M, 2, true,  PT4S",
    "5, PT2S, PT10M, 3, true,  PT8S",
    "5, PT2S, PT10M, 4, true,  PT16S",
    "5, PT2S, PT10M, 5, true,  give up",
    "5, PT2S, PT10M, 6, true,  give up",
    "5, PT2S, PT10M, 1, false, give up",
    "1, PT2S, PT10M, 1, true,  give up",
    "10, PT2S, PT10S, 3, true, PT8S",
    "10, PT2S, PT10S, 4, true, PT10S",
    "10, PT2S, PT10S, 9, true, PT10S",
    "100, PT1S, PT1H, 40, true, PT1H",
    "100, PT0.2S, PT1S, 2, true, PT0.4S",
    "3, PT0S, PT0S, 1, true, PT0S",
  })
  void waitsLongerAfterEachFailureUntilItGivesUp(
      int maxAttempts,
      Duration initial,
      Duration max,
      int attemptsMade,
      boolean retriable,
      String expected) {
    Optional<Duration> wait =
        new RetryPolicy(maxAttempts, initial, max).retryAfter(attemptsMade, retriable);
    if (expected.equals("give up")) {
      assertThat(wait).isEmpty();
    } else {
      assertThat(wait).contains(Duration.parse(expected));
    }
  }

  @ParameterizedTest(name = "max {0}, backoff {1}..{2} is refused")
  @CsvSource({"0, PT2S, PT10M", "5, PT-1S, PT10M", "5, PT2S, PT1S"})
  void refusesNonsense(int maxAttempts, Duration initial, Duration max) {
    assertThatThrownBy(() -> new RetryPolicy(maxAttempts, initial, max))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "attempt {0}, Retry-After {1}, elapsed {2}, random {3} → {4}")
  @CsvSource({
    // 5 attempts, 2s..10m, jitter 0.5, total 1h
    "1, ,      PT0S,  0.0, PT2S",
    "1, ,      PT0S,  0.999, PT1.001S",
    "2, ,      PT0S,  0.5, PT3S",
    "1, PT30S, PT0S,  0.0, PT30S",
    "3, PT1S,  PT0S,  0.0, PT8S",
    "2, ,      PT59M, 0.0, PT4S",
    "2, ,      PT59M59S, 0.0, give up",
    "1, PT2H,  PT0S,  0.0, give up",
    "5, ,      PT0S,  0.0, give up",
  })
  void jitterRetryAfterAndTotalTime(
      int attempts, Duration retryAfter, Duration elapsed, double random, String expected) {
    RetryPolicy policy =
        new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(10), 0.5, Duration.ofHours(1));
    Optional<Duration> wait = policy.next(attempts, true, retryAfter, elapsed, random);
    if (expected.equals("give up")) {
      assertThat(wait).isEmpty();
    } else {
      assertThat(wait).contains(Duration.parse(expected));
    }
    assertThat(policy.next(attempts, false, retryAfter, elapsed, random)).isEmpty();
  }
}
