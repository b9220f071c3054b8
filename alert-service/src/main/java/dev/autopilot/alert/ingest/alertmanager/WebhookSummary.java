package dev.autopilot.alert.ingest.alertmanager;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one Alertmanager webhook changed.
 *
 * @param fired alerts that started firing
 * @param resolved firing alerts that were resolved
 * @param unchanged alerts already firing, or resolved alerts that were not firing
 * @param truncated alerts Alertmanager left out of the group ({@code truncatedAlerts})
 */
@RegisterForReflection
public record WebhookSummary(int fired, int resolved, int unchanged, int truncated) {}
