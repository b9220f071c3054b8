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
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Applies every change of the webhook in one transaction and counts what changed. The whole
   * webhook costs a fixed number of statements: one plain read of which of its firing alerts are
   * open, and only if something changes a transaction with one locking read of its ended alerts,
   * one batch to open the new ones and one to resolve the ended ones (AlertLifecycle).
   */
  public WebhookSummary apply(AlertmanagerWebhook webhook) {
    Map<String, AlertmanagerWebhook.Alert> firing = new LinkedHashMap<>();
    Map<String, AlertmanagerWebhook.Alert> ended = new LinkedHashMap<>();
    for (AlertmanagerWebhook.Alert alert : webhook.alerts()) {
      String fingerprint = Fingerprint.of(alert.alertname(), alert.labels());
      // The last word on a fingerprint wins, as if the alerts had come one by one.
      firing.remove(fingerprint);
      ended.remove(fingerprint);
      (alert.firing() ? firing : ended).put(fingerprint, alert);
    }
    // A steady Alertmanager mostly re-sends alerts that are open already: which are is one plain
    // read outside any transaction, so such a webhook writes nothing and commits nothing. Not
    // locking them leaves one race: a resolve of the same alert (another replica, a late delivery)
    // committing meanwhile wins, as if it had come second; Alertmanager's next repeat of the
    // still-firing alert opens it again. A new alert another writer opens meanwhile is skipped by
    // the insert (on conflict do nothing).
    Set<String> open = alerts.activeAmong(firing.keySet());
    List<NewAlert> news = new ArrayList<>();
    firing.forEach(
        (fingerprint, alert) -> {
          if (!open.contains(fingerprint)) {
            news.add(newAlert(alert));
          }
        });
    Changes changed =
        news.isEmpty() && ended.isEmpty()
            ? new Changes(0, 0)
            : QuarkusTransaction.joiningExisting().call(() -> change(news, ended));
    int fired = changed.fired();
    int resolved = changed.resolved();

    int unchanged = webhook.alerts().size() - fired - resolved;
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

  /**
   * In the webhook's transaction: opens the new alerts, resolves the ended ones that are active
   * (read whole and locked in fingerprint order, as resolving writes them).
   */
  private Changes change(List<NewAlert> news, Map<String, AlertmanagerWebhook.Alert> ended) {
    Map<String, AlertRecord> active = alerts.findAllActiveForUpdate(ended.keySet());
    int fired = news.isEmpty() ? 0 : lifecycle.fireAll(news).size();
    List<AlertRecord> ending = new ArrayList<>();
    Map<String, Instant> endsAt = new HashMap<>();
    ended.forEach(
        (fingerprint, alert) -> {
          AlertRecord a = active.get(fingerprint);
          if (a != null) {
            ending.add(a);
            Instant at = time(alert.endsAt());
            if (at != null) {
              endsAt.put(fingerprint, at);
            }
          }
        });
    int resolved = ending.isEmpty() ? 0 : lifecycle.resolveAll(ending, endsAt, null).size();
    return new Changes(fired, resolved);
  }

  /** How many alerts a webhook's transaction opened and resolved. */
  private record Changes(int fired, int resolved) {}

  /** An alert that was not active when the webhook arrived, to open. */
  private NewAlert newAlert(AlertmanagerWebhook.Alert alert) {
    Map<String, String> labels = new LinkedHashMap<>(alert.labels());
    Map<String, String> annotations = alert.annotations() == null ? Map.of() : alert.annotations();
    String runbook = annotations.get("runbook_url");
    if (runbook == null) {
      runbook = annotations.get("runbookUrl");
    }
    return new NewAlert(
        alert.alertname(),
        severities.map(labels.get("severity")),
        labels,
        new AlertAnnotations(annotations.get("summary"), annotations.get("description"), runbook),
        null,
        SOURCE,
        time(alert.startsAt()));
  }

  private static Instant time(Instant at) {
    return at == null || !at.isAfter(ZERO) ? null : at;
  }
}
