package dev.autopilot.notification.delivery;

import dev.autopilot.notification.channel.SendResult;
import dev.autopilot.notification.config.NotificationConfig;
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
import org.jboss.logging.Logger;

/**
 * Records what one send attempt did to a notification: SENT; PENDING again after a backoff; or
 * FAILED, together with its notification.failed event (outbox, same transaction), so the failure is
 * announced if and only if it is recorded.
 */
@ApplicationScoped
public class AttemptRecorder {
  private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);

  private final NotificationRepository notifications;
  private final Outbox outbox;
  private final RetryPolicy policy;
  private final MeterRegistry registry;

  public AttemptRecorder(
      NotificationRepository notifications,
      Outbox outbox,
      NotificationConfig config,
      MeterRegistry registry) {
    this.notifications = notifications;
    this.outbox = outbox;
    this.policy = RetryPolicy.of(config.delivery());
    this.registry = registry;
  }

  /** Records the attempt's result in the caller's transaction; returns the new status. */
  @Transactional(Transactional.TxType.MANDATORY)
  public NotificationStatus record(NotificationRecord notification, SendResult result) {
    int attempts = notification.attempts() + 1;
    if (result.delivered()) {
      notifications.markSent(notification.id(), attempts);
      count(notification, "sent");
      return NotificationStatus.SENT;
    }
    Optional<Duration> retry = policy.retryAfter(attempts, result.retriable());
    if (retry.isPresent()) {
      notifications.reschedule(notification.id(), attempts, retry.get(), result.error());
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
    outbox.append(
        new NotificationFailed(
            notification.id(),
            notification.channel(),
            notification.receiver(),
            result.error(),
            attempts));
    count(notification, "failed");
    LOG.errorf(
        "notification %s to %s via %s FAILED after %d attempt(s)%s: %s",
        notification.id(),
        notification.receiver(),
        notification.channel(),
        attempts,
        result.retriable() ? "" : " (permanent failure)",
        result.error());
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
