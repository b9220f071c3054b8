package dev.autopilot.alert.ingest.alertmanager;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.lifecycle.AlertLifecycle;
import dev.autopilot.alert.lifecycle.Fingerprint;
import dev.autopilot.alert.lifecycle.NewAlert;
import dev.autopilot.alert.store.AlertRecord;
import dev.autopilot.alert.store.AlertRepository;
import dev.autopilot.platform.event.v1.AlertAnnotations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Applies an Alertmanager webhook: firing alerts fire, resolved alerts resolve. All alerts of one
 * webhook are applied in one transaction, so a retried delivery never finds half a group applied; a
 * repeated delivery changes nothing (firing a firing fingerprint and resolving a resolved one are
 * no-ops).
 */
@ApplicationScoped
public class AlertmanagerIngest {
  /** The {@code source} of alerts from Alertmanager. */
  public static final String SOURCE = "alertmanager";

  private static final Logger LOG = Logger.getLogger(AlertmanagerIngest.class);

  /** Alertmanager's "zero" time, sent as {@code endsAt} of alerts that have not ended. */
  private static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

  private final AlertLifecycle lifecycle;
  private final AlertRepository alerts;
  private final SeverityMapping severities;

  private final Counter truncated;

  public AlertmanagerIngest(
      AlertLifecycle lifecycle,
      AlertRepository alerts,
      AlertConfig config,
      MeterRegistry registry) {
    this.lifecycle = lifecycle;
    this.alerts = alerts;
    this.severities = new SeverityMapping(config.alertmanager().defaultSeverity());
    this.truncated =
        Counter.builder("autopilot.alertmanager.truncated.alerts")
            .description("Alerts Alertmanager left out of webhooks (max_alerts), as it reported")
            .register(registry);
  }

  /** Applies every alert of the webhook in one transaction and counts what changed. */
  @Transactional
  public WebhookSummary apply(AlertmanagerWebhook webhook) {
    int fired = 0;
    int resolved = 0;
    int unchanged = 0;
    // A steady Alertmanager re-sends alerts that are open already: find (and lock) them all in one
    // query, so only new alerts cost the full open.
    Map<String, AlertRecord> active =
        alerts.findAllActiveForUpdate(
            webhook.alerts().stream()
                .filter(AlertmanagerWebhook.Alert::firing)
                .map(a -> Fingerprint.of(a.alertname(), a.labels()))
                .toList());
    Set<String> opened = new HashSet<>();
    for (AlertmanagerWebhook.Alert alert : webhook.alerts()) {
      Map<String, String> labels = new LinkedHashMap<>(alert.labels());
      if (alert.firing()) {
        String fingerprint = Fingerprint.of(alert.alertname(), labels);
        if (!active.containsKey(fingerprint) && opened.add(fingerprint)) {
          fire(alert, labels);
          fired++;
        } else {
          unchanged++;
        }
      } else {
        Optional<AlertRecord> done =
            lifecycle.resolve(alert.alertname(), labels, time(alert.endsAt()));
        if (done.isPresent()) {
          resolved++;
        } else {
          unchanged++;
        }
      }
    }
    int left = webhook.truncatedAlerts() == null ? 0 : webhook.truncatedAlerts();
    if (left > 0) {
      // Alertmanager's max_alerts cut the group: those alerts are not here; say so loudly.
      truncated.increment(left);
      LOG.warnf(
          "Alertmanager webhook for group %s left out %d alert(s) (truncatedAlerts)",
          webhook.groupKey(), left);
    }
    return new WebhookSummary(fired, resolved, unchanged, left);
  }

  /** Fires an alert that was not active when the webhook arrived. */
  private void fire(AlertmanagerWebhook.Alert alert, Map<String, String> labels) {
    Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
    String runbook = annotations.get("runbook_url");
    if (runbook == null) {
      runbook = annotations.get("runbookUrl");
    }
    lifecycle.fire(
        new NewAlert(
            alert.alertname(),
            severities.map(labels.get("severity")),
            labels,
            new AlertAnnotations(
                annotations.get("summary"), annotations.get("description"), runbook),
            null,
            SOURCE,
            time(alert.startsAt())));
  }

  private static Instant time(Instant at) {
    return at == null || !at.isAfter(ZERO) ? null : at;
  }
}
