package dev.autopilot.notification.channel.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.Targets;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.receiver.Secrets;
import dev.autopilot.notification.route.RoutingDocument.SlackSpec;
import dev.autopilot.notification.store.NotificationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Posts to a Slack-compatible incoming webhook: {@code {"text", "channel"?, "username"?,
 * "attachments": [{"fallback", "color", "title", "text", "footer"}]}}, the subset Slack, Mattermost
 * and Rocket.Chat all accept. The webhook URL is the secret ({@code url_env}).
 */
@ApplicationScoped
public class SlackNotifier implements Notifier {
  /** The channel name of Slack-compatible webhooks. */
  public static final String CHANNEL = "slack";

  private final Targets targets;
  private final Secrets secrets;
  private final HttpSender http;
  private final ObjectMapper mapper;

  public SlackNotifier(Targets targets, Secrets secrets, HttpSender http, ObjectMapper mapper) {
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
    SlackSpec spec = targets.spec(n.target(), SlackSpec.class).orElse(null);
    if (spec == null) {
      return SendResult.permanent("slack integration " + n.target() + " is no longer configured");
    }
    String url;
    try {
      url = secrets.require(spec.urlEnv());
    } catch (Secrets.MissingSecretException e) {
      return SendResult.permanent(e.getMessage());
    }
    return http.post(
        "slack webhook " + n.target(),
        url,
        Map.of(),
        null,
        null,
        new HttpSender.Body("application/json", body(n, spec)));
  }

  String body(NotificationRecord n, SlackSpec spec) {
    ObjectNode root = mapper.createObjectNode();
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
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
