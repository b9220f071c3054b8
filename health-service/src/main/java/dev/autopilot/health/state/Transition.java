package dev.autopilot.health.state;

import dev.autopilot.health.store.TargetStateRecord;

/**
 * The state after one probe result, and whether it crossed a threshold.
 *
 * @param previous the state before the result
 * @param next the state after it
 */
public record Transition(TargetStateRecord previous, TargetStateRecord next, Change change) {
  /** Which threshold a result crossed, if any. */
  public enum Change {
    /** Still inside the thresholds: no event. */
    NONE,
    /** UNKNOWN becomes UP: the first answer, not a recovery, so no event. */
    CAME_UP,
    /** UP or UNKNOWN became DOWN or DEGRADED: health.degraded. */
    WENT_DOWN,
    /** DEGRADED became DOWN: another health.degraded, now with status DOWN. */
    WORSENED,
    /** DOWN or DEGRADED became UP: health.recovered. */
    RECOVERED
  }
}
