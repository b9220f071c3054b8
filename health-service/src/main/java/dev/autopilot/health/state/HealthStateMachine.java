package dev.autopilot.health.state;

import dev.autopilot.health.probe.ProbeOutcome;
import dev.autopilot.health.store.TargetRecord;
import dev.autopilot.health.store.TargetStateRecord;
import dev.autopilot.platform.event.v1.HealthStatus;
import java.time.Instant;

/**
 * The thresholds, as a pure function of the current state and one probe result:
 *
 * <ul>
 *   <li>UNKNOWN → UP on the first success if it never failed, else after {@code success-threshold}
 *       consecutive successes;
 *   <li>UP or UNKNOWN → DOWN after {@code failure-threshold} consecutive failures, or DEGRADED if
 *       the last of them failed only soft conditions (slow, certificate expiring);
 *   <li>DEGRADED → DOWN on a hard failure;
 *   <li>DOWN or DEGRADED → UP after {@code success-threshold} consecutive successes.
 * </ul>
 *
 * Anything else keeps the status (and its {@code since}), which is what stops flapping: a single
 * failure of an UP target, or a single success of a DOWN one, changes only the counters.
 */
public final class HealthStateMachine {
  private HealthStateMachine() {}

  /** The transition {@code outcome} causes for {@code target} in state {@code current}. */
  public static Transition next(
      TargetStateRecord current, TargetRecord target, ProbeOutcome outcome) {
    return outcome.ok() ? success(current, target, outcome) : failure(current, target, outcome);
  }

  private static Transition success(
      TargetStateRecord current, TargetRecord target, ProbeOutcome outcome) {
    int successes = current.consecutiveSuccesses() + 1;
    boolean enough = successes >= target.successThreshold();
    Transition.Change change;
    if (current.status() == HealthStatus.UP) {
      change = Transition.Change.NONE;
    } else if (current.status() == HealthStatus.DOWN || current.status() == HealthStatus.DEGRADED) {
      change = enough ? Transition.Change.RECOVERED : Transition.Change.NONE;
    } else {
      boolean neverFailed =
          current.consecutiveFailures() == 0 && current.consecutiveSuccesses() == 0;
      change = neverFailed || enough ? Transition.Change.CAME_UP : Transition.Change.NONE;
    }
    HealthStatus status = change == Transition.Change.NONE ? current.status() : HealthStatus.UP;
    return new Transition(
        current, next(current, status, 0, successes, outcome, current.lastError()), change);
  }

  private static Transition failure(
      TargetStateRecord current, TargetRecord target, ProbeOutcome outcome) {
    int failures = current.consecutiveFailures() + 1;
    HealthStatus bad = outcome.soft() ? HealthStatus.DEGRADED : HealthStatus.DOWN;
    HealthStatus status = current.status();
    Transition.Change change = Transition.Change.NONE;
    boolean healthy = status == HealthStatus.UP || status == HealthStatus.UNKNOWN;
    if (healthy && failures >= target.failureThreshold()) {
      status = bad;
      change = Transition.Change.WENT_DOWN;
    } else if (status == HealthStatus.DEGRADED && bad == HealthStatus.DOWN) {
      status = HealthStatus.DOWN;
      change = Transition.Change.WORSENED;
    }
    return new Transition(
        current, next(current, status, failures, 0, outcome, outcome.error()), change);
  }

  private static TargetStateRecord next(
      TargetStateRecord current,
      HealthStatus status,
      int failures,
      int successes,
      ProbeOutcome outcome,
      String lastError) {
    Instant since = status == current.status() ? current.since() : outcome.at();
    return new TargetStateRecord(
        current.targetId(),
        status,
        failures,
        successes,
        since,
        outcome.at(),
        outcome.durationMs(),
        lastError);
  }
}
