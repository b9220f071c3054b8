package dev.autopilot.health.history;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.ProbeResultRepository;
import dev.autopilot.health.store.RollupRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Retention, hourly: raw probe results older than {@code health.history.retention} (7 days) and
 * per-minute rollups older than {@code health.history.rollup-retention} (90 days) are deleted.
 */
@ApplicationScoped
public class ProbeHistoryPurge {
  private static final Logger LOG = Logger.getLogger(ProbeHistoryPurge.class);

  private final ProbeResultRepository results;
  private final RollupRepository rollups;
  private final HealthConfig config;

  public ProbeHistoryPurge(
      ProbeResultRepository results, RollupRepository rollups, HealthConfig config) {
    this.results = results;
    this.rollups = rollups;
    this.config = config;
  }

  @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    purge(Instant.now());
  }

  /** Deletes what is older than the retentions as of {@code now}; returns raw results deleted. */
  public int purge(Instant now) {
    int deleted = results.deleteOlderThan(now.minus(config.history().retention()));
    int rolled = rollups.deleteOlderThan(now.minus(config.history().rollupRetention()));
    if (deleted > 0 || rolled > 0) {
      LOG.infof("purged %d probe results and %d minute rollups", deleted, rolled);
    }
    return deleted;
  }
}
