package dev.autopilot.backup.schedule;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.SourceConfig;
import dev.autopilot.backup.intake.BackupIntake;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.store.ClusterLock;
import dev.autopilot.platform.event.v1.BackupReason;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Requests SCHEDULED backups when a source's cron slot is reached. One replica at a time does it (a
 * Postgres advisory lock), and the slot taken is recorded with the request in one transaction, so a
 * slot runs once across replicas; slots missed while the service was down give one catch-up run.
 */
@ApplicationScoped
public class BackupScheduler {
  private static final Logger LOG = Logger.getLogger(BackupScheduler.class);
  static final long LOCK_KEY = 0x6261636b75700002L;

  private final SourceCatalog sources;
  private final ScheduleRepository schedules;
  private final BackupIntake intake;
  private final ClusterLock lock;
  private final BackupConfig config;

  public BackupScheduler(
      SourceCatalog sources,
      ScheduleRepository schedules,
      BackupIntake intake,
      ClusterLock lock,
      BackupConfig config) {
    this.sources = sources;
    this.schedules = schedules;
    this.intake = intake;
    this.lock = lock;
    this.config = config;
  }

  /** A source's effective schedule: the API's override, else its configured one, else default. */
  public CronSchedule scheduleOf(String source) {
    return CronSchedule.parse(
        schedules
            .override(source)
            .or(
                () ->
                    Optional.ofNullable(config.sources().get(source))
                        .flatMap(SourceConfig::schedule))
            .orElse(config.schedule().defaultCron()));
  }

  @Scheduled(
      every = "${backup.schedule.check-interval:30s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!config.schedule().enabled()) {
      return;
    }
    try {
      lock.tryRun(LOCK_KEY, () -> sources.names().forEach(this::runIfDue));
    } catch (RuntimeException e) {
      LOG.warnf("scheduler tick failed (%s); retrying next tick", e.getMessage());
    }
  }

  /** Requests the source's backup if a slot is due; true when one was requested. */
  public boolean runIfDue(String source) {
    Instant now = Instant.now();
    Optional<Instant> due = scheduleOf(source).due(schedules.lastSlot(source).orElse(null), now);
    if (due.isEmpty()) {
      return false;
    }
    request(source, due.get());
    LOG.infof("scheduled backup of %s requested for slot %s", source, due.get());
    return true;
  }

  @Transactional
  void request(String source, Instant slot) {
    schedules.takeSlot(source, slot);
    intake.request(
        new BackupIntake.Request(source, BackupReason.SCHEDULED, "schedule-" + slot, "schedule"));
  }
}
