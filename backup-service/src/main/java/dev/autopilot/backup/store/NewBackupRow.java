package dev.autopilot.backup.store;

import dev.autopilot.platform.event.v1.BackupReason;
import java.time.Instant;
import java.util.UUID;

/** What is inserted for a new request: PENDING, or FAILED at once with a reason. */
public record NewBackupRow(
    UUID id,
    String source,
    BackupReason reason,
    String correlationId,
    String requestedBy,
    String traceparent,
    Instant requestedAt,
    BackupStatus status,
    String failureReason) {}
