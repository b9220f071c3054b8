package dev.autopilot.notification.pipeline;

import dev.autopilot.notification.channel.Notifiers;
import dev.autopilot.notification.config.NotificationConfig;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drives delivery: it sends what is due every {@code notification.delivery.poll-interval} and also
 * at once when a transaction that recorded notifications commits ({@link #wakeAfterCommit}: intake,
 * escalation levels, group flushes), so a page does not wait for the next poll.
 *
 * <p>One lane per channel a notifier serves (email, pagerduty, slack, sms, webhook: every kind of
 * integration the routing document has), each sending its channel's due notifications oldest first,
 * one at a time, up to {@code batch-size} per pass, one transaction each. Lanes run side by side on
 * worker threads: an SMTP server that hangs for the mailer's timeout holds up email, not the
 * PagerDuty page or the Slack message behind it. Passes of one lane never overlap in a process;
 * across replicas (and lanes), {@code for update skip locked} gives each due notification to one of
 * them (a replica that did not consume the event finds it at its next poll).
 */
@ApplicationScoped
public class DeliveryWorker {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  private final NotificationPipeline pipeline;
  private final Vertx vertx;
  private final TransactionSynchronizationRegistry transactions;
  private final int batchSize;
  private final List<Lane> lanes = new ArrayList<>();

  public DeliveryWorker(
      NotificationPipeline pipeline,
      Notifiers notifiers,
      Vertx vertx,
      TransactionSynchronizationRegistry transactions,
      NotificationConfig config) {
    this.pipeline = pipeline;
    this.vertx = vertx;
    this.transactions = transactions;
    this.batchSize = config.delivery().batchSize();
    new TreeSet<>(notifiers.channels()).forEach(channel -> lanes.add(new Lane(channel)));
  }

  @Scheduled(
      identity = "notification-delivery",
      every = "{notification.delivery.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deliverDue() {
    wake();
  }

  /**
   * The caller's transaction recorded new notifications: when it commits, deliver them at once.
   * Must run inside a transaction.
   */
  public void wakeAfterCommit() {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              wake();
            }
          }
        });
  }

  /**
   * New notifications were committed or are due: every lane delivers what is due (on a worker
   * thread, never the caller's).
   */
  public void wake() {
    lanes.forEach(Lane::wake);
  }

  /** One channel's deliveries, one at a time. */
  private final class Lane {
    private final String channel;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();

    Lane(String channel) {
      this.channel = channel;
    }

    void wake() {
      wanted.set(true);
      if (!running.get()) {
        // On a Vert.x worker thread, unordered: lanes run side by side; the running flag
        // serialises one lane's passes.
        vertx.executeBlocking(
            () -> {
              drain();
              return null;
            },
            false);
      }
    }

    /** Passes until nobody asked for another; one thread at a time. */
    private void drain() {
      while (wanted.get() && running.compareAndSet(false, true)) {
        try {
          while (wanted.getAndSet(false)) {
            pass();
          }
        } finally {
          running.set(false);
        }
        // A wake between the last check and releasing the flag is not lost: the loop re-checks.
      }
    }

    private void pass() {
      for (int i = 0; i < batchSize; i++) {
        try {
          if (!pipeline.deliverNext(channel)) {
            return;
          }
        } catch (RuntimeException e) {
          // The database is unreachable or the transaction failed: the row stays PENDING and the
          // next run tries again.
          LOG.warnf("%s delivery paused until the next run: %s", channel, e.getMessage());
          return;
        }
      }
      // A full batch: more may be due; the next pass takes them.
      wanted.set(true);
    }
  }
}
