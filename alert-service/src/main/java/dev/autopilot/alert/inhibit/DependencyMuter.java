package dev.autopilot.alert.inhibit;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.mute.MuteCandidate;
import dev.autopilot.alert.store.AlertRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Mutes a health alert whose {@code health.degraded} named a down dependency ({@code
 * suppressedBy}): the root cause's own alert is the one to act on. The mute holds while the root
 * cause's alert is active, and for a grace period ({@code alert.inhibit.dependency-grace}) from the
 * start, since the root cause's event may arrive after the dependent's (different partitions).
 */
@ApplicationScoped
public class DependencyMuter {
  /** The alert name of health-target alerts (HealthEventsConsumer). */
  static final String TARGET_UNHEALTHY = "TargetUnhealthy";

  private final AlertRepository alerts;
  private final Duration grace;

  public DependencyMuter(AlertRepository alerts, AlertConfig config) {
    this.alerts = alerts;
    this.grace = config.inhibit().dependencyGrace();
  }

  /** {@code dependency:<target>} while the alert's down dependency holds it, or empty. */
  public Optional<String> mutedBy(MuteCandidate alert, Instant now) {
    String root = alert.dependencyTarget();
    if (root == null) {
      return Optional.empty();
    }
    boolean young = alert.since() != null && now.isBefore(alert.since().plus(grace));
    if (young || alerts.targetActive(TARGET_UNHEALTHY, root)) {
      return Optional.of("dependency:" + root);
    }
    return Optional.empty();
  }
}
