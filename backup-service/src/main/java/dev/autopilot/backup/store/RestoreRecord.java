package dev.autopilot.backup.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One restore as stored and as the API shows it (never with its confirm token).
 *
 * @param mode {@code original} or {@code new-database}
 * @param target the database restored into
 * @param restoreSeconds how long verification and restore took, once finished
 */
@RegisterForReflection
public record RestoreRecord(
    UUID id,
    UUID backupId,
    String source,
    String mode,
    String target,
    RestoreStatus status,
    String correlationId,
    String requestedBy,
    String confirmedBy,
    Instant requestedAt,
    Instant confirmExpiresAt,
    Instant confirmedAt,
    Instant finishedAt,
    int attempts,
    Double restoreSeconds,
    String failureReason) {}
