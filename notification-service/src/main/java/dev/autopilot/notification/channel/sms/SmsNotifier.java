package dev.autopilot.notification.channel.sms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.channel.http.HttpIntegrations;
import dev.autopilot.notification.channel.http.HttpSender;
import dev.autopilot.notification.config.NotificationConfig;
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
 * secret). The text is the {@code sms/} template's output plus the acknowledge link, fitted to SMS
 * segments by {@link SmsText} (160 GSM-7 / 70 UCS-2 characters per single message). Off unless
 * {@code notification.sms.enabled} (FEATURE_SMS_ENABLED): then a send is a permanent failure, which
 * the receiver's fallback picks up.
 */
@ApplicationScoped
public class SmsNotifier implements Notifier {
  /** The channel name of SMS. */
  public static final String CHANNEL = "sms";

  static final String TWILIO_URL = "https://api.twilio.com";
  static final String MESSAGEMEDIA_URL = "https://api.messagemedia.com";

  private final HttpIntegrations integrations;
  private final boolean enabled;

  public SmsNotifier(HttpIntegrations integrations, NotificationConfig config) {
    this.integrations = integrations;
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
    String text = text(n);
    return integrations.send(
        n,
        SmsSpec.class,
        spec -> "messagemedia".equals(provider(spec)) ? spec.apiKeyEnv() : spec.authTokenEnv(),
        (spec, secret) ->
            switch (provider(spec)) {
              case "twilio" -> twilio(n, spec, secret, text);
              case "messagemedia" -> messageMedia(n, spec, secret, text);
              // The routing compiler admits only these two providers.
              default -> throw new IllegalStateException("unknown SMS provider " + spec.provider());
            });
  }

  private static String provider(SmsSpec spec) {
    return spec.provider() == null ? "" : spec.provider().strip().toLowerCase(Locale.ROOT);
  }

  private HttpIntegrations.Post twilio(
      NotificationRecord n, SmsSpec spec, String token, String text) {
    String base = spec.url() == null ? TWILIO_URL : spec.url().replaceAll("/+$", "");
    String sid = spec.accountSid().strip();
    String form =
        "To=" + enc(n.receiver()) + "&From=" + enc(spec.from().strip()) + "&Body=" + enc(text);
    return new HttpIntegrations.Post(
        "twilio " + n.target(),
        base + "/2010-04-01/Accounts/" + enc(sid) + "/Messages.json",
        Map.of("Accept", "application/json"),
        sid,
        token,
        new HttpSender.Body("application/x-www-form-urlencoded", form));
  }

  private HttpIntegrations.Post messageMedia(
      NotificationRecord n, SmsSpec spec, String key, String text) {
    String secret = integrations.secret(spec.apiSecretEnv());
    String base = spec.url() == null ? MESSAGEMEDIA_URL : spec.url().replaceAll("/+$", "");
    ObjectNode root = integrations.mapper().createObjectNode();
    ObjectNode message = root.putArray("messages").addObject();
    message.put("content", text);
    message.put("destination_number", n.receiver());
    message.put("format", "SMS");
    if (spec.from() != null) {
      message.put("source_number", spec.from().strip());
    }
    return new HttpIntegrations.Post(
        "messagemedia " + n.target(),
        base + "/v1/messages",
        Map.of("Accept", "application/json"),
        key,
        secret,
        integrations.json(root));
  }

  /**
   * The message: the {@code sms/} template's text plus the acknowledge link, fitted by {@link
   * SmsText}.
   */
  static String text(NotificationRecord n) {
    return SmsText.fit(n.bodyText(), n.ackLink());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
