package dev.autopilot.backup.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /backups/{id}/restore}.
 *
 * @param mode {@code original} (postgres: over the source's database; redis: over its restore-path;
 *     command: its restore-command), {@code new-database} (postgres) or {@code folder} (files,
 *     redis)
 * @param database the database to create, for {@code new-database}
 * @param directory the absolute folder to extract (files) or write dump.rdb (redis) into, for
 *     {@code folder}
 * @param correlationId echoed in {@code backup.restored} (deploy-service sends its deployment id)
 */
@RegisterForReflection
public record NewRestoreRequest(
    @NotNull
        @Pattern(
            regexp = "^(original|new-database|folder)$",
            message = "must be 'original', 'new-database' or 'folder'")
        String mode,
    String database,
    @Size(max = 4096) String directory,
    @Size(max = 200) String correlationId) {}
