package dev.autopilot.notification.delivery;

import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.config.NotificationConfig;
import dev.autopilot.notification.store.DeliveryAttemptRepository;
import dev.autopilot.notification.store.NotificationRecord;
import dev.autopilot.notification.store.NotificationRepository;
import dev.autopilot.notification.store.NotificationStatus;
import dev.autopilot.platform.event.v1.NotificationFailed;
import dev.autopilot.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Records what one send attempt did to a notification, in the delivery log and on the row: SENT;
 * PENDING again after {@link RetryPolicy}'s wait; or FAILED, together with its notification.failed
 * event (outbox, same transaction) and its {@link Fallback}, so a failure is announced if and only
 * if it is recorded.
 */
@ApplicationScoped
public class AttemptRecorder {
  private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);

  private final NotificationRepository notifications;
  private final DeliveryAttemptRepository log;
  private final Outbox outbox;
  private final RetryPolicy policy;
  private final Fallback fallback;
  private final MeterRegistry registry;

  public AttemptRecorder(
      NotificationRepository notifications,
      DeliveryAttemptRepository log,
      Outbox outbox,
      NotificationConfig config,
      Fallback fallback,
      MeterRegistry registry) {
    this.notifications = notifications;
    this.log = log;
    this.outbox = outbox;
    this.policy = RetryPolicy.of(config.delivery());
    this.fallback = fallback;
    this.registry = registry;
  }

  /** Records the attempt's result in the caller's transaction; returns the new status. */
  @Transactional(Transactional.TxType.MANDATORY)
  public NotificationStatus record(
      NotificationRecord notification, SendResult result, long latencyMs) {
    int attempts = notification.attempts() + 1;
    if (result.delivered()) {
      notifications.markSent(notification.id(), attempts);
      log.record(notification, attempts, "SENT", null, latencyMs);
      count(notification, "sent");
      return NotificationStatus.SENT;
    }
    Optional<Duration> retry =
        policy.next(
            attempts,
            result.retriable(),
            result.retryAfter(),
            notifications.age(notification.id()),
            ThreadLocalRandom.current().nextDouble());
    if (retry.isPresent()) {
      notifications.reschedule(notification.id(), attempts, retry.get(), result.error());
      log.record(notification, attempts, "RETRY", result.error(), latencyMs);
      count(notification, "retry");
      LOG.warnf(
          "notification %s to %s via %s: attempt %d of %d failed (%s); retrying in %s",
          notification.id(),
          notification.receiver(),
          notification.channel(),
          attempts,
          policy.maxAttempts(),
          result.error(),
          retry.get());
      return NotificationStatus.PENDING;
    }
    notifications.markFailed(notification.id(), attempts, result.error());
    log.record(notification, attempts, "FAILED", result.error(), latencyMs);
    outbox.append(
        new NotificationFailed(
            notification.id(),
            notification.channel(),
            notification.receiver(),
            result.error(),
            attempts));
    int fallbacks = fallback.queue(notification);
    count(notification, "failed");
    LOG.errorf(
        "notification %s to %s via %s FAILED after %d attempt(s)%s: %s%s",
        notification.id(),
        notification.receiver(),
        notification.channel(),
        attempts,
        result.retriable() ? "" : " (permanent failure)",
        result.error(),
        fallbacks > 0 ? "; " + fallbacks + " fallback notification(s) queued" : "");
    return NotificationStatus.FAILED;
  }

  private void count(NotificationRecord notification, String outcome) {
    registry
        .counter(
            "autopilot.notifications.attempts",
            "channel",
            notification.channel(),
            "outcome",
            outcome)
        .increment();
  }
}
