package dev.autopilot.notification.pipeline;

import dev.autopilot.notification.channel.Notifiers;
import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.delivery.AttemptRecorder;
import dev.autopilot.notification.notice.Notice;
import dev.autopilot.notification.render.MessageRenderer;
import dev.autopilot.notification.render.RenderedMessage;
import dev.autopilot.notification.route.Recipient;
import dev.autopilot.notification.route.Router;
import dev.autopilot.notification.store.NewNotification;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.notification.store.NotificationStatus;
import dev.autopilot.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the stages meet: the only class that knows their order.
 *
 * <pre>
 * intake   (consumer's transaction, with its inbox claim)
 *   route ─▶ render ─▶ record PENDING (one row per event × channel × receiver: dedupe)
 * delivery (a transaction per notification, driven by DeliveryWorker)
 *   claim due row (for update skip locked) ─▶ send via channel ─▶ record attempt
 *                                             (SENT │ retry after backoff │ FAILED + event)
 * </pre>
 *
 * <p>Delivery is at least once. The row stays locked while the channel sends; if the process dies
 * after the SMTP server accepted the message but before the transaction that marks it SENT commits,
 * the row is still PENDING and the message is sent once more (with the same Message-ID). Nothing is
 * ever lost: a message is only marked SENT after the server accepted it.
 */
@ApplicationScoped
public class NotificationPipeline {
  /** Seconds a delivery transaction may take: above {@code quarkus.mailer.timeout}. */
  static final int DELIVERY_TRANSACTION_TIMEOUT = 120;

  private final Router router;
  private final MessageRenderer renderer;
  private final NotificationRepository notifications;
  private final Notifiers notifiers;
  private final AttemptRecorder attempts;

  public NotificationPipeline(
      Router router,
      MessageRenderer renderer,
      NotificationRepository notifications,
      Notifiers notifiers,
      AttemptRecorder attempts) {
    this.router = router;
    this.renderer = renderer;
    this.notifications = notifications;
    this.notifiers = notifiers;
    this.attempts = attempts;
  }

  /**
   * Intake: turns a notice into PENDING notifications, one per recipient, in the caller's
   * transaction (the consumer's, so the inbox claim and the rows commit together). Returns how many
   * were new; a recipient who already has one for this event gets no second.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int accept(Notice notice) {
    List<Recipient> recipients = router.route(notice);
    Map<String, RenderedMessage> perChannel = new HashMap<>();
    int recorded = 0;
    for (Recipient recipient : recipients) {
      RenderedMessage message =
          perChannel.computeIfAbsent(recipient.channel(), c -> renderer.render(c, notice));
      boolean inserted =
          notifications.insertPending(
              new NewNotification(
                  UUID.randomUUID(),
                  notice.id(),
                  notice.type(),
                  recipient.channel(),
                  recipient.address(),
                  message.subject(),
                  message.text(),
                  message.html()));
      if (inserted) {
        recorded++;
      }
    }
    return recorded;
  }

  /**
   * Delivery: sends the oldest due notification and records the attempt, in a transaction of its
   * own. Returns false when nothing was due.
   */
  public boolean deliverNext() {
    return QuarkusTransaction.requiringNew()
        .timeout(DELIVERY_TRANSACTION_TIMEOUT)
        .call(
            () -> {
              Optional<NotificationRecord> due = notifications.claimNextDue();
              if (due.isEmpty()) {
                return false;
              }
              SendResult result = notifiers.send(due.get());
              attempts.record(due.get(), result);
              return true;
            });
  }

  /**
   * An operator's retry: a FAILED notification goes back to PENDING with a fresh set of attempts.
   *
   * @throws ProblemException 404 when it does not exist, 409 when it is not FAILED
   */
  @Transactional
  public NotificationRecord retry(UUID id) {
    NotificationRecord notification =
        notifications
            .findForUpdate(id)
            .orElseThrow(() -> ProblemException.notFound("notification " + id + " does not exist"));
    if (notification.status() != NotificationStatus.FAILED || !notifications.requeueFailed(id)) {
      throw ProblemException.conflict(
          "notification "
              + id
              + " is "
              + notification.status()
              + "; only a FAILED notification can be retried");
    }
    return notifications.find(id).orElseThrow();
  }
}
