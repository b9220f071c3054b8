package dev.autopilot.backup.api;

import dev.autopilot.platform.event.v1.BackupReason;
import dev.autopilot.platform.event.v1.Patterns;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The body of {@code POST /backups}.
 *
 * @param source a configured source's name
 * @param reason why; MANUAL when absent
 */
@RegisterForReflection
public record NewBackupRequest(
    @NotBlank @Pattern(regexp = Patterns.NAME, message = Patterns.NAME_MESSAGE) String source,
    BackupReason reason) {}
