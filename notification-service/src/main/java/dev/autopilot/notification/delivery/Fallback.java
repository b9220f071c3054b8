package dev.autopilot.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autopilot.notification.channel.sms.SmsNotifier;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.group.GroupFlusher;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.render.EventTypes;
import dev.autopilot.notification.render.MessageRenderer;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.store.KnownAlert;
import dev.autopilot.notification.store.KnownAlertRepository;
import dev.autopilot.notification.store.NewNotification;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.platform.event.EventData;
import dev.autopilot.platform.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The fallback stage: when a notification fails for good, its receiver's {@code fallback} receiver
 * is told the same message over each of its integrations (e.g. SMS exhausted → email), as new
 * PENDING notifications linked to the failed one. An address that already has this event on that
 * channel gets nothing twice, which also ends fallback cycles.
 */
@ApplicationScoped
public class Fallback {
  private static final Logger LOG = Logger.getLogger(Fallback.class);

  private final Router router;
  private final NotificationRepository notifications;
  private final MessageRenderer renderer;
  private final KnownAlertRepository alerts;
  private final ObjectMapper mapper;
  private final boolean smsEnabled;

  public Fallback(
      Router router,
      NotificationRepository notifications,
      MessageRenderer renderer,
      KnownAlertRepository alerts,
      ObjectMapper mapper,
      NotificationConfig config) {
    this.router = router;
    this.notifications = notifications;
    this.renderer = renderer;
    this.alerts = alerts;
    this.mapper = mapper;
    this.smsEnabled = config.sms().enabled();
  }

  /**
   * The message for the fallback's channel: the event rendered again with that channel's templates
   * (an SMS that failed falls back to a full email, not to the SMS text), when the failed
   * notification was an event's own; escalation pages, announcements and group messages (whose ids
   * carry {@code #} or start with {@code group/}) keep their text, SMS getting the subject.
   */
  private RenderedMessage message(NotificationRecord failed, String channel) {
    if (channel.equals(failed.channel())) {
      return new RenderedMessage(failed.subject(), failed.bodyText(), failed.bodyHtml());
    }
    Class<? extends EventData> type = EventTypes.DATA.get(failed.eventType());
    if (type != null
        && failed.eventData() != null
        && !failed.eventId().contains("#")
        && !failed.eventId().startsWith("group/")) {
      try {
        EventData data = mapper.readValue(failed.eventData(), type);
        KnownAlert alert =
            failed.alertId() == null ? null : alerts.find(failed.alertId()).orElse(null);
        return renderer.render(
            channel,
            new Notice(
                failed.eventId(),
                failed.eventType(),
                null,
                failed.createdAt(),
                data,
                failed.eventType().equals(Topics.ALERT_FIRED) ? null : alert,
                failed.ackLink()));
      } catch (JsonProcessingException | RuntimeException e) {
        LOG.warnf(
            "fallback of %s: cannot render %s again (%s); reusing its text",
            failed.id(), failed.eventType(), e.getMessage());
      }
    }
    String text = SmsNotifier.CHANNEL.equals(channel) ? failed.subject() : failed.bodyText();
    String html =
        failed.bodyHtml() == null || failed.bodyHtml().isBlank()
            ? "<pre>" + GroupFlusher.escape(failed.bodyText()) + "</pre>\n"
            : failed.bodyHtml();
    return new RenderedMessage(failed.subject(), text, html);
  }

  /** Queues the fallback of a failed notification; returns how many notifications were queued. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int queue(NotificationRecord failed) {
    Receiver receiver = router.current().receivers().get(failed.receiverName());
    if (receiver == null || receiver.fallback() == null) {
      return 0;
    }
    Receiver fallback = router.current().receivers().get(receiver.fallback());
    if (fallback == null) {
      return 0;
    }
    int queued = 0;
    for (Integration integration : fallback.integrations()) {
      if (SmsNotifier.CHANNEL.equals(integration.channel()) && !smsEnabled) {
        continue;
      }
      RenderedMessage message = message(failed, integration.channel());
      for (String address : integration.addresses()) {
        UUID id = UUID.randomUUID();
        boolean inserted =
            notifications.insertPending(
                new NewNotification(
                    id,
                    failed.eventId(),
                    failed.eventType(),
                    integration.channel(),
                    address,
                    message.subject(),
                    message.text(),
                    message.html(),
                    fallback.name(),
                    integration.target(),
                    failed.severity(),
                    failed.dedupKey(),
                    failed.alertId(),
                    failed.ackLink(),
                    failed.eventData(),
                    failed.id()));
        if (inserted) {
          if (queued == 0) {
            notifications.linkFallback(failed.id(), id);
          }
          queued++;
          LOG.infof(
              "notification %s failed; falling back to %s via %s (%s)",
              failed.id(), fallback.name(), integration.channel(), id);
        }
      }
    }
    return queued;
  }
}
