package dev.autopilot.health.history;

import dev.autopilot.health.config.HealthConfig;
import dev.autopilot.health.store.ProbeResultRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Deletes probe results older than {@code health.history.retention} (7 days), hourly. */
@ApplicationScoped
public class ProbeHistoryPurge {
  private static final Logger LOG = Logger.getLogger(ProbeHistoryPurge.class);

  private final ProbeResultRepository results;
  private final HealthConfig config;

  public ProbeHistoryPurge(ProbeResultRepository results, HealthConfig config) {
    this.results = results;
    this.config = config;
  }

  @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    purge(Instant.now());
  }

  /** Deletes the results older than the retention as of {@code now}; returns how many. */
  public int purge(Instant now) {
    int deleted = results.deleteOlderThan(now.minus(config.history().retention()));
    if (deleted > 0) {
      LOG.infof("purged %d probe results older than %s", deleted, config.history().retention());
    }
    return deleted;
  }
}
