package dev.autopilot.backup.restore;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.store.ClaimedRestore;
import dev.autopilot.backup.store.RestoreRepository;
import dev.autopilot.backup.worker.LeasedWorker;
import dev.autopilot.platform.event.TraceContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes confirmed restores one at a time. A restore's claim is renewed while it runs; when a
 * replica stops, the claim expires and any replica re-runs the restore from the start (verify, then
 * restore: pg_restore runs in one transaction, so the stopped attempt left nothing half-done).
 */
@ApplicationScoped
public class RestoreWorker implements LeasedWorker.Work<ClaimedRestore> {
  private static final Logger LOG = Logger.getLogger(RestoreWorker.class);

  private final RestoreTransitions transitions;
  private final RestoreRunner runner;
  private final RestoreRepository restores;
  private final BackupConfig config;
  private final LeasedWorker<ClaimedRestore> loop;

  public RestoreWorker(
      RestoreTransitions transitions,
      RestoreRunner runner,
      RestoreRepository restores,
      BackupConfig config) {
    this.transitions = transitions;
    this.runner = runner;
    this.restores = restores;
    this.config = config;
    this.loop = new LeasedWorker<>("restore", "-restore", this);
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
  public Optional<ClaimedRestore> claimNext(String owner) {
    return transitions.claimNext(owner);
  }

  @Override
  public UUID id(ClaimedRestore claim) {
    return claim.restore().id();
  }

  @Override
  public void renew(String owner, Set<UUID> ids) {
    for (UUID id : ids) {
      restores.renewClaim(owner, id, config.worker().lease());
    }
  }

  @Override
  public void run(ClaimedRestore claim, String owner) {
    UUID id = claim.restore().id();
    try {
      LOG.infof(
          "restore %s of backup %s started (attempt %d)",
          id, claim.restore().backupId(), claim.restore().attempts());
      RestoreOutcome outcome = runner.run(claim.restore());
      TraceContext.set(claim.traceparent());
      if (!transitions.finish(claim, owner, outcome)) {
        LOG.warnf("restore %s: claim lost to another replica; its outcome is not recorded", id);
      } else if (outcome.ok()) {
        LOG.infof("restore %s succeeded in %.1f s", id, outcome.seconds());
      } else {
        LOG.warnf("restore %s failed: %s", id, outcome.failureReason());
      }
    } finally {
      TraceContext.clear();
    }
  }
}
