package dev.autopilot.notification.channel.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.Targets;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.receiver.Secrets;
import dev.autopilot.notification.route.RoutingDocument.PagerDutySpec;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.platform.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}): alert.fired triggers, alert.acknowledged
 * acknowledges, alert.resolved resolves, all with {@code dedup_key} = the alert's fingerprint (its
 * id when it has none), so PagerDuty folds them into one incident. Other events trigger with the
 * event id as dedup key. Severity: P0 critical, P1 error, P2 warning, P3 (and none) info.
 */
@ApplicationScoped
public class PagerDutyNotifier implements Notifier {
  /** The channel name of PagerDuty. */
  public static final String CHANNEL = "pagerduty";

  /** PagerDuty's Events API v2 host, when the integration names no other. */
  public static final String DEFAULT_URL = "https://events.pagerduty.com";

  private final Targets targets;
  private final Secrets secrets;
  private final HttpSender http;
  private final ObjectMapper mapper;

  public PagerDutyNotifier(Targets targets, Secrets secrets, HttpSender http, ObjectMapper mapper) {
    this.targets = targets;
    this.secrets = secrets;
    this.http = http;
    this.mapper = mapper;
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public SendResult send(NotificationRecord n) {
    PagerDutySpec spec = targets.spec(n.target(), PagerDutySpec.class).orElse(null);
    if (spec == null) {
      return SendResult.permanent(
          "pagerduty integration " + n.target() + " is no longer configured");
    }
    String routingKey;
    try {
      routingKey = secrets.require(spec.routingKeyEnv());
    } catch (Secrets.MissingSecretException e) {
      return SendResult.permanent(e.getMessage());
    }
    String base = spec.url() == null ? DEFAULT_URL : spec.url().replaceAll("/+$", "");
    return http.post(
        "pagerduty " + n.target(),
        base + "/v2/enqueue",
        Map.of("Accept", "application/json"),
        null,
        null,
        new HttpSender.Body("application/json", body(n, routingKey)));
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

  private String body(NotificationRecord n, String routingKey) {
    ObjectNode root = mapper.createObjectNode();
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
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
