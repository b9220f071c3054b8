package dev.autopilot.notification.pipeline;

import dev.autopilot.notification.config.NotificationConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drives delivery: every {@code notification.delivery.poll-interval} it sends what is due, up to
 * {@code batch-size} notifications, one transaction each. Runs never overlap in a process; across
 * replicas, {@code for update skip locked} gives each due notification to one of them.
 */
@ApplicationScoped
public class DeliveryWorker {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  private final NotificationPipeline pipeline;
  private final int batchSize;

  public DeliveryWorker(NotificationPipeline pipeline, NotificationConfig config) {
    this.pipeline = pipeline;
    this.batchSize = config.delivery().batchSize();
  }

  @Scheduled(
      identity = "notification-delivery",
      every = "{notification.delivery.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deliverDue() {
    for (int i = 0; i < batchSize; i++) {
      try {
        if (!pipeline.deliverNext()) {
          return;
        }
      } catch (RuntimeException e) {
        // The database is unreachable or the transaction failed: the row stays PENDING and the
        // next run tries again.
        LOG.warnf("notification delivery paused until the next run: %s", e.getMessage());
        return;
      }
    }
  }
}
