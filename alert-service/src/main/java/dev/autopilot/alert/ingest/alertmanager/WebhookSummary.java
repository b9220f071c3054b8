package dev.autopilot.alert.ingest.alertmanager;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one Alertmanager webhook changed.
 *
 * @param fired alerts that started firing
 * @param resolved firing alerts that were resolved
 * @param unchanged alerts already firing, or resolved alerts that were not firing
 */
@RegisterForReflection
public record WebhookSummary(int fired, int resolved, int unchanged) {}
