package dev.autopilot.notification.channel.pagerduty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.http.HttpIntegrations;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.route.RoutingDocument.PagerDutySpec;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.platform.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): alert.fired triggers, alert.acknowledged
 * acknowledges, alert.resolved resolves, all with {@code dedup_key} = the alert's fingerprint (its
 * id when it has none), so PagerDuty folds them into one incident. Other events trigger with the
 * event id as dedup key. Severity: P0 critical, P1 error, P2 warning, P3 (and none) info. The
 * summary is the {@code pagerduty/} template's subject, {@code custom_details.text} its text.
 */
@ApplicationScoped
public class PagerDutyNotifier implements Notifier {
  /** The channel name of PagerDuty. */
  public static final String CHANNEL = "pagerduty";

  /** PagerDuty's Events API v2 host, when the integration names no other. */
  public static final String DEFAULT_URL = "https://events.pagerduty.com";

  private final HttpIntegrations integrations;

  public PagerDutyNotifier(HttpIntegrations integrations) {
    this.integrations = integrations;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public SendResult send(NotificationRecord n) {
    return integrations.send(
        n,
        PagerDutySpec.class,
        PagerDutySpec::routingKeyEnv,
        (spec, routingKey) ->
            new HttpIntegrations.Post(
                "pagerduty " + n.target(),
                (spec.url() == null ? DEFAULT_URL : spec.url().replaceAll("/+$", ""))
                    + "/v2/enqueue",
                Map.of("Accept", "application/json"),
                null,
                null,
                body(n, routingKey)));
  }

  /** The event's action at PagerDuty. */
  static String action(String eventType) {
    return switch (eventType) {
      case Topics.ALERT_ACKNOWLEDGED -> "acknowledge";
      case Topics.ALERT_RESOLVED -> "resolve";
      default -> "trigger";
    };
  }

  /** PagerDuty's severity for ours. */
  static String severity(String severity) {
    if (severity == null) {
      return "info";
    }
    return switch (severity) {
      case "P0" -> "critical";
      case "P1" -> "error";
      case "P2" -> "warning";
      default -> "info";
    };
  }

  private HttpSender.Body body(NotificationRecord n, String routingKey) {
    ObjectNode root = integrations.mapper().createObjectNode();
    root.put("routing_key", routingKey);
    String action = action(n.eventType());
    root.put("event_action", action);
    root.put("dedup_key", n.dedupKey() != null ? n.dedupKey() : n.eventType() + ":" + n.eventId());
    if ("trigger".equals(action)) {
      ObjectNode payload = root.putObject("payload");
      payload.put(
          "summary", n.subject().length() <= 1024 ? n.subject() : n.subject().substring(0, 1024));
      payload.put("source", "runbook-autopilot");
      payload.put("severity", severity(n.severity()));
      payload.put("timestamp", n.createdAt() == null ? null : n.createdAt().toString());
      payload.put("class", n.eventType());
      ObjectNode details = payload.putObject("custom_details");
      details.put("text", n.bodyText());
      details.put("eventId", n.eventId());
      if (n.alertId() != null) {
        details.put("alertId", n.alertId().toString());
      }
      root.put("client", "Runbook Autopilot");
      if (n.ackLink() != null) {
        ObjectNode link = root.putArray("links").addObject();
        link.put("href", n.ackLink());
        link.put("text", "Acknowledge in Runbook Autopilot");
      }
    }
    return integrations.json(root);
  }
}
