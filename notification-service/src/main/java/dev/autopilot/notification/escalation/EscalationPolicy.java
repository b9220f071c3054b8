package dev.autopilot.notification.escalation;

import java.time.Duration;
import java.util.List;

/**
 * Levels paged in order until someone acknowledges; after the last level the policy starts over
 * {@code repeat} more times.
 */
public record EscalationPolicy(String name, int repeat, List<Level> levels) {

  /** Targets (schedule or receiver names) paged together; the next level follows after timeout. */
  public record Level(List<String> targets, Duration timeout) {}
}
