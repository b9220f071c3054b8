package dev.autopilot.notification.channel.email;

import dev.autopilot.notification.channel.Notifier;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.store.NotificationRecord;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends one notification as one email (multipart text + HTML) to its receiver, blocking until the
 * SMTP server accepted or refused it ({@code quarkus.mailer.timeout} at most).
 *
 * <p>The Message-ID is derived from the notification id, so the rare resend after a crash between
 * "SMTP accepted" and "marked SENT" carries the same Message-ID, which many mail systems use to
 * drop the duplicate.
 */
@ApplicationScoped
public class EmailNotifier implements Notifier {
  /** The channel name of email notifications. */
  public static final String CHANNEL = "email";

  /** Header naming the notification a message belongs to. */
  public static final String NOTIFICATION_ID_HEADER = "X-Autopilot-Notification-Id";

  /** Header naming the event a message was caused by. */
  public static final String EVENT_ID_HEADER = "X-Autopilot-Event-Id";

  private final Mailer mailer;
  private final String from;
  private final String messageIdDomain;

  public EmailNotifier(Mailer mailer, NotificationConfig config) {
    this.mailer = mailer;
    this.from = config.email().from().strip();
    int at = from.lastIndexOf('@');
    this.messageIdDomain = at < 0 ? "autopilot.local" : from.substring(at + 1);
  }

  @Override
  public String channel() {
    return CHANNEL;
  }

  @Override
  public SendResult send(NotificationRecord notification) {
    Mail mail =
        Mail.withText(notification.receiver(), notification.subject(), notification.bodyText())
            .setHtml(notification.bodyHtml())
            .setFrom(from)
            .addHeader("Message-ID", "<" + notification.id() + "@" + messageIdDomain + ">")
            .addHeader(NOTIFICATION_ID_HEADER, notification.id().toString())
            .addHeader(EVENT_ID_HEADER, headerSafe(notification.eventId()));
    try {
      mailer.send(mail);
      return SendResult.success();
    } catch (RuntimeException e) {
      return SmtpFailures.classify(e);
    }
  }

  /** Event ids come from other systems: printable ASCII only, so no header can be injected. */
  static String headerSafe(String value) {
    String safe = value.replaceAll("[^\\x21-\\x7e]", "_");
    return safe.length() <= 200 ? safe : safe.substring(0, 200);
  }
}
