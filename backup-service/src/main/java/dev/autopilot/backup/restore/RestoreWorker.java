package dev.autopilot.backup.restore;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.store.ClaimedRestore;
import dev.autopilot.backup.store.RestoreRepository;
import dev.autopilot.platform.event.TraceContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Takes confirmed restores one at a time. A restore's claim is renewed while it runs; when a
 * replica stops, the claim expires and any replica re-runs the restore from the start (verify, then
 * restore: pg_restore runs in one transaction, so the stopped attempt left nothing half-done).
 */
@ApplicationScoped
public class RestoreWorker {
  private static final Logger LOG = Logger.getLogger(RestoreWorker.class);

  private final RestoreTransitions transitions;
  private final RestoreRunner runner;
  private final RestoreRepository restores;
  private final BackupConfig config;
  private final String owner;
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  public RestoreWorker(
      RestoreTransitions transitions,
      RestoreRunner runner,
      RestoreRepository restores,
      BackupConfig config) {
    this.transitions = transitions;
    this.runner = runner;
    this.restores = restores;
    this.config = config;
    String host = System.getenv().getOrDefault("HOSTNAME", "backup-service");
    this.owner = host + "-restore-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Scheduled(
      every = "${backup.worker.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    while (!stopping) {
      Optional<ClaimedRestore> claim;
      try {
        claim = transitions.claimNext(owner);
      } catch (RuntimeException e) {
        LOG.warnf("cannot claim restores (%s); retrying next tick", e.getMessage());
        return;
      }
      if (claim.isEmpty()) {
        return;
      }
      run(claim.get());
    }
  }

  @Scheduled(
      every = "${backup.worker.heartbeat:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void renewClaims() {
    for (UUID id : running) {
      try {
        restores.renewClaim(owner, id, config.worker().lease());
      } catch (RuntimeException e) {
        LOG.warnf("cannot renew the claim of restore %s (%s)", id, e.getMessage());
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }

  private void run(ClaimedRestore claim) {
    UUID id = claim.restore().id();
    running.add(id);
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
    } catch (RuntimeException e) {
      // The database is unreachable: the row stays RUNNING and is re-run once its claim expires.
      LOG.warnf("cannot record the outcome of restore %s (%s)", id, e.getMessage());
    } finally {
      running.remove(id);
      TraceContext.clear();
    }
  }
}
