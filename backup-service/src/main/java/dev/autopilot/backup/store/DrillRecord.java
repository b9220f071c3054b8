package dev.autopilot.backup.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One restore drill: RUNNING, then PASSED or FAILED with its checks.
 *
 * @param restoreSeconds how long verifying and restoring took: the measured RTO
 */
@RegisterForReflection
public record DrillRecord(
    UUID id,
    UUID backupId,
    String source,
    String scratchDatabase,
    String status,
    Instant startedAt,
    Instant finishedAt,
    Double restoreSeconds,
    List<String> checks,
    String failureReason) {}
