package dev.autopilot.backup.store;

/**
 * A restore a worker has just claimed.
 *
 * @param traceparent the trace of the request or confirmation, so the outcome's event joins it
 */
public record ClaimedRestore(RestoreRecord restore, String traceparent) {}
