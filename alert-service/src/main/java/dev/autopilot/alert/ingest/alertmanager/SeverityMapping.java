package dev.autopilot.alert.ingest.alertmanager;

import dev.autopilot.platform.event.v1.Severity;
import java.util.Locale;

/**
 * Maps an Alertmanager {@code severity} label to a {@link Severity}: {@code critical} → P0, {@code
 * error}/{@code high}/{@code page} → P1, {@code warning} → P2, {@code info}/{@code low} → P3, a
 * literal {@code P0}..{@code P3} is kept; missing or unknown → the configured default.
 */
public final class SeverityMapping {
  private final Severity fallback;

  /**
   * @param fallback the severity of alerts without or with an unknown {@code severity} label
   */
  public SeverityMapping(Severity fallback) {
    this.fallback = fallback;
  }

  /** The severity for this label value (case and surrounding blanks ignored). */
  public Severity map(String label) {
    if (label == null) {
      return fallback;
    }
    return switch (label.strip().toLowerCase(Locale.ROOT)) {
      case "critical", "p0" -> Severity.P0;
      case "error", "high", "page", "p1" -> Severity.P1;
      case "warning", "p2" -> Severity.P2;
      case "info", "low", "p3" -> Severity.P3;
      default -> fallback;
    };
  }
}
