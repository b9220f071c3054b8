package dev.autopilot.health.target;

/**
 * One thing wrong with a target definition.
 *
 * @param field the property in kebab case, as in config: {@code interval}, {@code
 *     failure-threshold}
 */
public record TargetViolation(String field, String message) {}
