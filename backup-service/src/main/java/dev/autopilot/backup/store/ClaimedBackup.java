package dev.autopilot.backup.store;

/**
 * A backup a worker has just claimed (RUNNING, this attempt's start time set).
 *
 * @param traceparent the trace of the request, so the outcome's event joins it
 */
public record ClaimedBackup(BackupRecord backup, String traceparent) {}
