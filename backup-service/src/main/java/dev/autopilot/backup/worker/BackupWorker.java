package dev.autopilot.backup.worker;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.metrics.LastSuccessGauge;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.ClaimedBackup;
import dev.autopilot.platform.event.TraceContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes requested backups one at a time: each tick claims and runs backups until none is left.
 * While a dump runs, its claim is renewed; a claim that expires (this replica stopped) makes the
 * backup claimable again, so a restarted service resumes it.
 */
@ApplicationScoped
public class BackupWorker implements LeasedWorker.Work<ClaimedBackup> {
  private static final Logger LOG = Logger.getLogger(BackupWorker.class);

  private final BackupTransitions transitions;
  private final BackupRunner runner;
  private final BackupRepository backups;
  private final BackupStorage storage;
  private final LastSuccessGauge lastSuccess;
  private final BackupConfig config;
  private final LeasedWorker<ClaimedBackup> loop;

  public BackupWorker(
      BackupTransitions transitions,
      BackupRunner runner,
      BackupRepository backups,
      BackupStorage storage,
      LastSuccessGauge lastSuccess,
      BackupConfig config) {
    this.transitions = transitions;
    this.runner = runner;
    this.backups = backups;
    this.storage = storage;
    this.lastSuccess = lastSuccess;
    this.config = config;
    this.loop = new LeasedWorker<>("backup", "", this);
  }

  @Scheduled(
      every = "${backup.worker.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    loop.tick();
  }

  @Scheduled(
      every = "${backup.worker.heartbeat:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void renewClaims() {
    loop.renewClaims();
  }

  void onStop(@Observes ShutdownEvent event) {
    loop.stop();
  }

  @Override
  public Optional<ClaimedBackup> claimNext(String owner) {
    return transitions.claimNext(owner);
  }

  @Override
  public UUID id(ClaimedBackup claim) {
    return claim.backup().id();
  }

  @Override
  public void renew(String owner, Set<UUID> ids) {
    backups.renewClaims(owner, ids, config.worker().lease());
  }

  @Override
  public void run(ClaimedBackup claim, String owner) {
    BackupRecord backup = claim.backup();
    try {
      LOG.infof(
          "backup %s of %s started (attempt %d)", backup.id(), backup.source(), backup.attempts());
      DumpOutcome outcome = runner.run(backup);
      TraceContext.set(claim.traceparent());
      record(claim, owner, outcome);
    } finally {
      TraceContext.clear();
    }
  }

  private void record(ClaimedBackup claim, String owner, DumpOutcome outcome) {
    BackupRecord backup = claim.backup();
    Instant finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try {
      if (outcome instanceof DumpOutcome.Stored stored) {
        if (transitions.complete(claim, owner, stored, finishedAt)) {
          lastSuccess.record(backup.source(), finishedAt);
          LOG.infof(
              "backup %s of %s completed: %d bytes, sha256 %s, %s",
              backup.id(), backup.source(), stored.sizeBytes(), stored.sha256(), stored.location());
        } else {
          LOG.warnf("backup %s: claim lost to another replica; discarding its file", backup.id());
          discard(stored);
        }
      } else if (outcome instanceof DumpOutcome.Failed failed) {
        transitions.fail(claim, owner, failed.reason(), finishedAt);
        LOG.warnf("backup %s of %s failed: %s", backup.id(), backup.source(), failed.reason());
      }
    } catch (RuntimeException e) {
      // The database is unreachable: the row stays RUNNING and is re-run once its claim expires.
      LOG.warnf("cannot record the outcome of backup %s (%s)", backup.id(), e.getMessage());
      if (outcome instanceof DumpOutcome.Stored stored) {
        discard(stored);
      }
    }
  }

  private void discard(DumpOutcome.Stored stored) {
    try {
      storage.delete(stored.location());
    } catch (IOException | RuntimeException e) {
      LOG.warnf("cannot delete unrecorded backup file %s (%s)", stored.location(), e.getMessage());
    }
  }
}
