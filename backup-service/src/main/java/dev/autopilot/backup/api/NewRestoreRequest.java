package dev.autopilot.backup.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /backups/{id}/restore}.
 *
 * @param mode {@code original} (over the source's database), {@code new-database} or (files) {@code
 *     folder}
 * @param database the database to create, for {@code new-database}
 * @param directory files: the absolute folder to extract into, for {@code folder}
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
