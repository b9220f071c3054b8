package dev.autopilot.notification.delivery;

import dev.autopilot.notification.channel.sms.SmsNotifier;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.receiver.Integration;
import dev.autopilot.notification.receiver.Receiver;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.store.NewNotification;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
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
  private final boolean smsEnabled;

  public Fallback(Router router, NotificationRepository notifications, NotificationConfig config) {
    this.router = router;
    this.notifications = notifications;
    this.smsEnabled = config.sms().enabled();
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
                    failed.subject(),
                    failed.bodyText(),
                    failed.bodyHtml(),
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
