package dev.autopilot.alert.config;

import dev.autopilot.platform.event.v1.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** alert-service configuration ({@code alert.*}). */
@ConfigMapping(prefix = "alert")
public interface AlertConfig {
  /** Alerts opened from health-service events. */
  Health health();

  /** Alerts received from Alertmanager's webhook ({@code POST /webhooks/alertmanager}). */
  Alertmanager alertmanager();

  /** Alerts opened from health-service events. */
  interface Health {
    /** Severity of an alert for a target that is DOWN. */
    @WithDefault("P1")
    Severity downSeverity();

    /** Severity of an alert for a target that is DEGRADED. */
    @WithDefault("P2")
    Severity degradedSeverity();

    /** Runbook linked from health alerts, e.g. a wiki page; {@code {target}} is replaced. */
    Optional<String> runbookUrl();
  }

  /** Alerts received from Alertmanager's webhook ({@code POST /webhooks/alertmanager}). */
  interface Alertmanager {
    /**
     * Severity of an Alertmanager alert whose {@code severity} label is missing or not one of
     * critical, error, high, page, warning, info, low or P0..P3.
     */
    @WithDefault("P2")
    Severity defaultSeverity();
  }
}
