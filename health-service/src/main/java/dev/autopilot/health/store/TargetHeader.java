package dev.autopilot.health.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A request header of an HTTP probe. Secrets are referenced by environment-variable name ({@code
 * valueFromEnv}) so they are never stored or shown; {@code value} is for harmless constants.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetHeader(String name, String value, String valueFromEnv) {}
