package dev.autopilot.backup.metrics;

import dev.autopilot.backup.source.SourceCatalog;
import dev.autopilot.backup.store.BackupRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code autopilot_backup_last_success_timestamp_seconds{source=...}}: when each configured
 * source's newest COMPLETED backup finished (0 when it never did, so "too old" alerts fire for it).
 * Updated when this replica completes one and re-read from the database every 30 s, so every
 * replica reports what any replica did.
 */
@ApplicationScoped
public class LastSuccessGauge {
  /**
   * The meter name; Prometheus shows it as {@code autopilot_backup_last_success_timestamp_seconds}.
   */
  public static final String NAME = "autopilot.backup.last.success.timestamp";

  private static final Logger LOG = Logger.getLogger(LastSuccessGauge.class);

  private final Map<String, AtomicLong> millisBySource = new ConcurrentHashMap<>();
  private final BackupRepository backups;

  public LastSuccessGauge(MeterRegistry registry, SourceCatalog sources, BackupRepository backups) {
    this.backups = backups;
    // Only configured sources: a request naming any string must not create a time series.
    for (String source : sources.names()) {
      AtomicLong millis = new AtomicLong();
      millisBySource.put(source, millis);
      Gauge.builder(NAME, millis, m -> m.get() / 1000.0)
          .baseUnit("seconds")
          .description("When the newest completed backup of the source finished, in Unix time")
          .tag("source", source)
          .strongReference(true)
          .register(registry);
    }
  }

  void onStart(@Observes StartupEvent event) {
    refresh();
  }

  /** Notes a completed backup of a source. */
  public void record(String source, Instant finishedAt) {
    AtomicLong millis = millisBySource.get(source);
    if (millis != null) {
      millis.accumulateAndGet(finishedAt.toEpochMilli(), Math::max);
    }
  }

  /** Re-reads every source's newest completed backup. */
  @Scheduled(every = "30s", delayed = "30s")
  void refresh() {
    try {
      backups.lastSuccessBySource().forEach(this::record);
    } catch (RuntimeException e) {
      LOG.debugf("cannot refresh last backup times (%s)", e.getMessage());
    }
  }
}
