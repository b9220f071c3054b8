package dev.autopilot.notification.channel.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.http.HttpIntegrations;
import dev.autopilot.notification.route.RoutingDocument.SlackSpec;
import dev.autopilot.notification.store.NotificationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Posts to a Slack-compatible incoming webhook: {@code {"text", "channel"?, "username"?,
 * "attachments": [{"fallback", "color", "title", "text", "footer"}]}}, the subset Slack, Mattermost
 * and Rocket.Chat all accept. {@code text} and {@code title} are the subject, the attachment's text
 * the {@code slack/} template's output plus the acknowledge link. The webhook URL is the secret
 * ({@code url_env}).
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {
  /** The channel name of Slack-compatible webhooks. */
  public static final String CHANNEL = "slack";

  private final HttpIntegrations integrations;

  public SlackNotifier(HttpIntegrations integrations) {
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
        SlackSpec.class,
        SlackSpec::urlEnv,
        (spec, url) ->
            new HttpIntegrations.Post(
                "slack webhook " + n.target(), url, Map.of(), null, null, body(n, spec)));
  }

  private dev.autopilot.notification.channel.http.HttpSender.Body body(
      NotificationRecord n, SlackSpec spec) {
    ObjectNode root = integrations.mapper().createObjectNode();
    root.put("text", n.subject());
    if (spec.channel() != null) {
      root.put("channel", spec.channel());
    }
    if (spec.username() != null) {
      root.put("username", spec.username());
    }
    ArrayNode attachments = root.putArray("attachments");
    ObjectNode a = attachments.addObject();
    a.put("fallback", n.subject());
    a.put("color", color(n));
    a.put("title", n.subject());
    a.put(
        "text",
        n.bodyText().strip() + (n.ackLink() == null ? "" : "\n\nAcknowledge: " + n.ackLink()));
    a.put("footer", "Runbook Autopilot · " + n.eventType());
    return integrations.json(root);
  }

  private static String color(NotificationRecord n) {
    if (n.eventType().endsWith(".resolved") || n.eventType().endsWith(".succeeded")) {
      return "#2e7d32";
    }
    if (n.severity() == null) {
      return n.eventType().endsWith("failed") ? "#b00020" : "#546e7a";
    }
    return switch (n.severity()) {
      case "P0" -> "#b00020";
      case "P1" -> "#e65100";
      case "P2" -> "#f9a825";
      default -> "#1565c0";
    };
  }
}
