package dev.autopilot.notification.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.http.HttpIntegrations;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.route.RoutingDocument.WebhookSpec;
import dev.autopilot.notification.store.NotificationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts a notification as JSON to a generic webhook, signed ({@link WebhookSignature}) with the
 * secret named by {@code secret_env}. Body: {@code version, notificationId, eventId, eventType,
 * receiver, severity, alertId, dedupKey, subject, text, ackLink, data} (subject and text from the
 * {@code webhook/} template, data = the event's data).
 */
@ApplicationScoped
public class WebhookNotifier implements Notifier {
  /** The channel name of generic webhooks. */
  public static final String CHANNEL = "webhook";

  private final HttpIntegrations integrations;
  private final Clock clock = Clock.systemUTC();

  public WebhookNotifier(HttpIntegrations integrations) {
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
        WebhookSpec.class,
        WebhookSpec::secretEnv,
        (spec, secret) -> {
          HttpSender.Body body = body(n);
          long timestamp = clock.instant().getEpochSecond();
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
          headers.put(
              WebhookSignature.SIGNATURE_HEADER,
              WebhookSignature.sign(secret, timestamp, body.text()));
          headers.put("X-Autopilot-Notification-Id", n.id().toString());
          return new HttpIntegrations.Post(
              "webhook " + n.target(), spec.url(), headers, null, null, body);
        });
  }

  private HttpSender.Body body(NotificationRecord n) {
    ObjectNode root = integrations.mapper().createObjectNode();
    root.put("version", "1");
    root.put("notificationId", n.id().toString());
    root.put("eventId", n.eventId());
    root.put("eventType", n.eventType());
    root.put("receiver", n.receiverName());
    root.put("severity", n.severity());
    root.put("alertId", n.alertId() == null ? null : n.alertId().toString());
    root.put("dedupKey", n.dedupKey());
    root.put("subject", n.subject());
    root.put("text", n.bodyText());
    root.put("ackLink", n.ackLink());
    try {
      root.set(
          "data", n.eventData() == null ? null : integrations.mapper().readTree(n.eventData()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return integrations.json(root);
  }
}
