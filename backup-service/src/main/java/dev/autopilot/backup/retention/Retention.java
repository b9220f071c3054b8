package dev.autopilot.backup.retention;

import dev.autopilot.backup.config.BackupConfig;
import dev.autopilot.backup.config.SourceConfig;
import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.storage.BackupStorage;
import dev.autopilot.backup.store.BackupRecord;
import dev.autopilot.backup.store.BackupRepository;
import dev.autopilot.backup.store.ClusterLock;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Previews and applies retention. Applying deletes each removed backup's object from storage and
 * then marks it EXPIRED; a deletion that fails leaves the backup as it was (the next run retries),
 * and a mark that fails after the deletion is redone by the next run (deleting is idempotent).
 */
@ApplicationScoped
public class Retention {
  private static final Logger LOG = Logger.getLogger(Retention.class);

  /** The advisory lock key of retention runs: one at a time across replicas. */
  static final long LOCK_KEY = 0x6261636b75700001L;

  private final BackupRepository backups;
  private final SourceCatalog sources;
  private final BackupStorage storage;
  private final BackupConfig config;
  private final ClusterLock lock;

  public Retention(
      BackupRepository backups,
      SourceCatalog sources,
      BackupStorage storage,
      BackupConfig config,
      ClusterLock lock) {
    this.backups = backups;
    this.sources = sources;
    this.storage = storage;
    this.config = config;
    this.lock = lock;
  }

  /** What applying did. */
  @RegisterForReflection
  public record Applied(
      List<RetentionPlan> plans, List<UUID> expired, List<Failure> failures, boolean skipped) {}

  /** A backup retention could not delete, and why. */
  @RegisterForReflection
  public record Failure(UUID backupId, String error) {}

  /** The plans of the named sources (all configured ones when {@code source} is null). */
  public List<RetentionPlan> preview(String source) {
    Instant now = Instant.now();
    Set<UUID> inUse = backups.inUseByRestores();
    ZoneId zone = ZoneId.of(config.retention().zone());
    List<RetentionPlan> plans = new ArrayList<>();
    for (String name : source == null ? sources.names() : List.of(source)) {
      SourceConfig configured = config.sources().get(name);
      plans.add(
          RetentionPlanner.plan(
              name,
              backups.stored(name),
              RetentionPolicies.of(config.retention(), configured),
              config.retention().protectedFor(),
              inUse,
              now,
              zone));
    }
    return plans;
  }

  /**
   * Applies retention to the named sources (all when null), unless another replica is applying it
   * right now ({@code skipped}).
   */
  public Applied apply(String source) {
    List<UUID> expired = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<RetentionPlan> plans = new ArrayList<>();
    boolean ran =
        lock.tryRun(
            LOCK_KEY,
            () -> {
              for (RetentionPlan plan : preview(source)) {
                plans.add(plan);
                for (BackupRecord b : plan.remove()) {
                  expire(b, expired, failures);
                }
              }
            });
    return new Applied(plans, expired, failures, !ran);
  }

  @Scheduled(
      cron = "${backup.retention.schedule:0 30 3 * * ?}",
      timeZone = "UTC",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      Applied applied = apply(null);
      LOG.infof(
          "retention: %d backups expired, %d could not be deleted%s",
          applied.expired().size(),
          applied.failures().size(),
          applied.skipped() ? " (skipped: another replica is applying it)" : "");
    } catch (RuntimeException e) {
      LOG.warnf("retention run failed (%s); the next run retries", e.getMessage());
    }
  }

  private void expire(BackupRecord b, List<UUID> expired, List<Failure> failures) {
    try {
      if (b.location() != null) {
        storage.delete(b.location());
      }
      if (backups.expire(b.id(), Instant.now().truncatedTo(ChronoUnit.MICROS))) {
        expired.add(b.id());
        LOG.infof(
            "retention: backup %s of %s expired (%s deleted)", b.id(), b.source(), b.location());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf("retention: cannot delete backup %s (%s)", b.id(), e.getMessage());
      failures.add(new Failure(b.id(), e.getMessage()));
    }
  }
}
