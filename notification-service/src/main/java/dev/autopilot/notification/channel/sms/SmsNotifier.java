package dev.autopilot.notification.channel.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.Targets;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.receiver.Secrets;
import dev.autopilot.notification.route.RoutingDocument.SmsSpec;
import dev.autopilot.notification.store.NotificationRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * SMS through Twilio ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded {@code
 * To, From, Body}, basic auth account SID : auth token) or MessageMedia ({@code POST /v1/messages},
 * JSON {@code {"messages":[{"content","destination_number","format":"SMS"}]}}, basic auth API key :
 * secret). The text is the subject plus the acknowledge link, at most 640 characters. Off unless
 * {@code notification.sms.enabled} (FEATURE_SMS_ENABLED): then a send is a permanent failure, which
 * the receiver's fallback picks up.
 */
@ApplicationScoped
public class SmsNotifier implements Notifier {
  /** The channel name of SMS. */
  public static final String CHANNEL = "sms";

  static final String TWILIO_URL = "https://api.twilio.com";
  static final String MESSAGEMEDIA_URL = "https://api.messagemedia.com";
  private static final int MAX_LENGTH = 640;

  private final Targets targets;
  private final Secrets secrets;
  private final HttpSender http;
  private final ObjectMapper mapper;
  private final boolean enabled;

  public SmsNotifier(
      Targets targets,
      Secrets secrets,
      HttpSender http,
      ObjectMapper mapper,
      NotificationConfig config) {
    this.targets = targets;
    this.secrets = secrets;
    this.http = http;
    this.mapper = mapper;
    this.enabled = config.sms().enabled();
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public SendResult send(NotificationRecord n) {
    if (!enabled) {
      return SendResult.permanent(
          "SMS is disabled (notification.sms.enabled / FEATURE_SMS_ENABLED)");
    }
    SmsSpec spec = targets.spec(n.target(), SmsSpec.class).orElse(null);
    if (spec == null) {
      return SendResult.permanent("sms integration " + n.target() + " is no longer configured");
    }
    String text = text(n);
    try {
      return switch (spec.provider().strip().toLowerCase(Locale.ROOT)) {
        case "twilio" -> twilio(n, spec, text);
        case "messagemedia" -> messageMedia(n, spec, text);
        default -> SendResult.permanent("unknown SMS provider " + spec.provider());
      };
    } catch (Secrets.MissingSecretException e) {
      return SendResult.permanent(e.getMessage());
    }
  }

  private SendResult twilio(NotificationRecord n, SmsSpec spec, String text) {
    String token = secrets.require(spec.authTokenEnv());
    String base = spec.url() == null ? TWILIO_URL : spec.url().replaceAll("/+$", "");
    String sid = spec.accountSid().strip();
    String form =
        "To=" + enc(n.receiver()) + "&From=" + enc(spec.from().strip()) + "&Body=" + enc(text);
    return http.post(
        "twilio " + n.target(),
        base + "/2010-04-01/Accounts/" + enc(sid) + "/Messages.json",
        Map.of("Accept", "application/json"),
        sid,
        token,
        new HttpSender.Body("application/x-www-form-urlencoded", form));
  }

  private SendResult messageMedia(NotificationRecord n, SmsSpec spec, String text) {
    String key = secrets.require(spec.apiKeyEnv());
    String secret = secrets.require(spec.apiSecretEnv());
    String base = spec.url() == null ? MESSAGEMEDIA_URL : spec.url().replaceAll("/+$", "");
    ObjectNode root = mapper.createObjectNode();
    ObjectNode message = root.putArray("messages").addObject();
    message.put("content", text);
    message.put("destination_number", n.receiver());
    message.put("format", "SMS");
    if (spec.from() != null) {
      message.put("source_number", spec.from().strip());
    }
    try {
      return http.post(
          "messagemedia " + n.target(),
          base + "/v1/messages",
          Map.of("Accept", "application/json"),
          key,
          secret,
          new HttpSender.Body("application/json", mapper.writeValueAsString(root)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(NotificationRecord n) {
    String text = n.subject() + (n.ackLink() == null ? "" : " Ack: " + n.ackLink());
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
