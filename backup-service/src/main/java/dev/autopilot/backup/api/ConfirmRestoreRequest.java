package dev.autopilot.backup.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /restores/{id}/confirm}: the token the restore request returned. */
@RegisterForReflection
public record ConfirmRestoreRequest(@NotBlank @Size(max = 200) String confirmToken) {}
