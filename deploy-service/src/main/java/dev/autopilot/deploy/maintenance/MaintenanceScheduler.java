package dev.autopilot.deploy.maintenance;

import dev.autopilot.deploy.config.DeployConfig;
import dev.autopilot.deploy.store.CalendarRepository;
import dev.autopilot.platform.event.v1.MaintenanceEnded;
import dev.autopilot.platform.event.v1.MaintenanceScheduled;
import dev.autopilot.platform.event.v1.MaintenanceStarted;
import dev.autopilot.platform.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Emits maintenance.scheduled (once an occurrence starts within {@code announce-ahead}),
 * maintenance.started and maintenance.ended for every occurrence of every window, each exactly
 * once: the emission is claimed in {@code maintenance_emission} in the transaction that appends the
 * event, so restarts and replicas never duplicate one. An occurrence that ended before it was ever
 * seen started (the service was down throughout) emits nothing.
 */
@ApplicationScoped
public class MaintenanceScheduler {
  private static final Logger LOG = Logger.getLogger(MaintenanceScheduler.class);
  static final String SCHEDULED = "SCHEDULED";
  static final String STARTED = "STARTED";
  static final String ENDED = "ENDED";

  private final CalendarRepository repository;
  private final Outbox outbox;
  private final DeployConfig config;

  public MaintenanceScheduler(CalendarRepository repository, Outbox outbox, DeployConfig config) {
    this.repository = repository;
    this.outbox = outbox;
    this.config = config;
  }

  @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    try {
      emitDue(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf(e, "maintenance tick failed; retrying next tick");
    }
  }

  /** Emits every event due at {@code now}; returns how many. */
  @Transactional
  public int emitDue(Instant now) {
    if (!repository.tryTickLock()) {
      return 0;
    }
    int emitted = 0;
    Instant horizon = now.plus(config.maintenance().announceAhead());
    for (MaintenanceWindow w : repository.windows()) {
      for (MaintenanceWindow.Occurrence o : w.occurrences(now, horizon)) {
        boolean running = o.covers(now);
        if ((running || o.startsAt().isAfter(now))
            && repository.claimEmission(w.id(), o.startsAt(), SCHEDULED)) {
          outbox.append(
              new MaintenanceScheduled(
                  w.id(),
                  w.services(),
                  w.environment(),
                  o.startsAt(),
                  o.endsAt(),
                  w.description()));
          emitted++;
        }
        if (running && repository.claimEmission(w.id(), o.startsAt(), STARTED)) {
          outbox.append(
              new MaintenanceStarted(
                  w.id(), w.services(), w.environment(), o.endsAt(), w.description()));
          emitted++;
        }
      }
      emitted += endFinished(w, now);
    }
    return emitted;
  }

  /** Ends a deleted window's running occurrence at once. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void endNow(MaintenanceWindow w) {
    for (Instant start : repository.startedNotEnded(w.id())) {
      if (repository.claimEmission(w.id(), start, ENDED)) {
        outbox.append(new MaintenanceEnded(w.id(), w.services(), w.environment()));
      }
    }
  }

  private int endFinished(MaintenanceWindow w, Instant now) {
    int emitted = 0;
    for (Instant start : repository.startedNotEnded(w.id())) {
      Instant end = w.cron() == null ? w.endsAt() : start.plusSeconds(w.durationSeconds());
      if (!end.isAfter(now) && repository.claimEmission(w.id(), start, ENDED)) {
        outbox.append(new MaintenanceEnded(w.id(), w.services(), w.environment()));
        emitted++;
      }
    }
    return emitted;
  }
}
