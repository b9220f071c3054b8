package dev.autopilot.backup.store;

import dev.autopilot.platform.event.v1.BackupReason;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One backup as stored and as the API shows it.
 *
 * @param location where the file is, as a URI ({@code file:///...}); set once COMPLETED
 * @param attempts how many times a worker started it (a re-run after a crash counts)
 */
@RegisterForReflection
public record BackupRecord(
    UUID id,
    String source,
    BackupReason reason,
    BackupStatus status,
    String correlationId,
    String requestedBy,
    Instant requestedAt,
    Instant startedAt,
    Instant finishedAt,
    int attempts,
    Long sizeBytes,
    String sha256,
    String location,
    String failureReason) {}
