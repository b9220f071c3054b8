package dev.autopilot.backup.store;

import java.time.Instant;
import java.util.UUID;

/** What is inserted for a requested restore: AWAITING_CONFIRMATION with its token's hash. */
public record NewRestoreRow(
    UUID id,
    UUID backupId,
    String source,
    String mode,
    String target,
    String correlationId,
    String requestedBy,
    String traceparent,
    String confirmTokenHash,
    Instant confirmExpiresAt,
    Instant requestedAt) {}
