package dev.autopilot.notification.escalation;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drives escalations: every {@code notification.escalation.poll-interval} it pages the due levels.
 * The timers are rows, not in-memory timers, so a restart resumes them.
 */
@ApplicationScoped
public class EscalationWorker {
  private static final Logger LOG = Logger.getLogger(EscalationWorker.class);
  private static final int BATCH = 50;

  private final Escalator escalator;

  public EscalationWorker(Escalator escalator) {
    this.escalator = escalator;
  }

  @Scheduled(
      identity = "notification-escalation",
      every = "{notification.escalation.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void escalateDue() {
    for (int i = 0; i < BATCH; i++) {
      try {
        if (!escalator.step()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.warnf("escalation paused until the next run: %s", e.getMessage());
        return;
      }
    }
  }
}
