package dev.autopilot.alert.ingest;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.lifecycle.Fingerprint;
import dev.autopilot.alert.lifecycle.NewAlert;
import dev.autopilot.platform.consume.EventConsumer;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import dev.autopilot.platform.event.v1.HealthDegraded;
import dev.autopilot.platform.event.v1.HealthRecovered;
import dev.autopilot.platform.event.v1.HealthStatus;
import dev.autopilot.platform.event.v1.Severity;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Opens an alert when a health target degrades and resolves it when the target recovers. The
 * alert's identity is the target (with its service and environment), so the recovery, which carries
 * no labels, finds it; its labels are the event's labels plus {@code target}, {@code service} and
 * {@code environment}. A degraded event naming a down dependency ({@code suppressedBy}) is recorded
 * suppressed: the root cause's alert is the one to act on.
 */
@ApplicationScoped
public class HealthEventsConsumer {
  /** The alert name of health-target alerts. */
  public static final String TARGET_UNHEALTHY = "TargetUnhealthy";

  private final EventConsumer consumer;
  private final AlertLifecycle lifecycle;
  private final AlertConfig config;

  public HealthEventsConsumer(
      EventConsumer consumer, AlertLifecycle lifecycle, AlertConfig config) {
    this.consumer = consumer;
    this.lifecycle = lifecycle;
    this.config = config;
  }

  @Incoming(Channels.HEALTH_DEGRADED)
  @Blocking
  public void onDegraded(ConsumerRecord<String, byte[]> record) {
    consumer.handle(record, HealthDegraded.class, event -> fire(event.data()));
  }

  @Incoming(Channels.HEALTH_RECOVERED)
  @Blocking
  public void onRecovered(ConsumerRecord<String, byte[]> record) {
    consumer.handle(
        record,
        HealthRecovered.class,
        event -> {
          HealthRecovered r = event.data();
          lifecycle.resolveFingerprint(
              fingerprint(r.targetId(), r.service(), r.environment()),
              Instant.now(),
              "health-service");
        });
  }

  private void fire(HealthDegraded degraded) {
    AlertConfig.Health health = config.health();
    boolean down = degraded.status() != HealthStatus.DEGRADED;
    String target = degraded.targetId();
    String summary =
        "Target " + target + " is " + (degraded.status() == null ? "DOWN" : degraded.status());
    String description =
        (degraded.reason() == null ? "" : degraded.reason())
            + (degraded.consecutiveFailures() == null
                ? ""
                : " (" + degraded.consecutiveFailures() + " consecutive failures)");
    Severity severity =
        degraded.severity() != null
            ? degraded.severity()
            : down ? health.downSeverity() : health.degradedSeverity();
    Map<String, String> labels = new LinkedHashMap<>();
    if (degraded.labels() != null) {
      labels.putAll(degraded.labels());
    }
    labels.putAll(identity(target, degraded.service(), degraded.environment()));
    lifecycle.fire(
        new NewAlert(
            TARGET_UNHEALTHY,
            severity,
            labels,
            new AlertAnnotations(
                summary,
                description.strip(),
                health.runbookUrl().map(u -> u.replace("{target}", target)).orElse(null)),
            degraded.consecutiveFailures() == null
                ? null
                : degraded.consecutiveFailures().doubleValue(),
            "health-service",
            degraded.since(),
            fingerprint(target, degraded.service(), degraded.environment()),
            degraded.deploymentId(),
            blankToNull(degraded.suppressedBy())));
  }

  /** The identity of a target's alert: its target, service and environment. */
  static String fingerprint(String target, String service, String environment) {
    return Fingerprint.of(TARGET_UNHEALTHY, identity(target, service, environment));
  }

  private static Map<String, String> identity(String target, String service, String environment) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("target", target);
    if (service != null) {
      labels.put("service", service);
    }
    if (environment != null) {
      labels.put("environment", environment);
    }
    return labels;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
