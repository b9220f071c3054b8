package dev.autopilot.alert.rule.source;

import dev.autopilot.alert.config.AlertConfig;
import dev.autopilot.alert.lifecycle.Fingerprint;
import dev.autopilot.alert.matcher.Matcher;
import dev.autopilot.alert.matcher.Matchers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Pushed samples in memory, bounded: at most {@code alert.samples.max-series} series, each a ring
 * of {@code alert.samples.per-series} samples (16 bytes each: 1,024 samples = 16 KiB per series
 * plus its labels). A sample for a new series beyond the limit is dropped and counted. Every
 * replica consumes every sample (its own consumer group), so whichever replica evaluates a rule
 * group sees them all; after a restart the windows fill again from new samples.
 */
@ApplicationScoped
public class SampleStore {
  private final Map<String, Entry> series = new ConcurrentHashMap<>();
  private final int maxSeries;
  private final int perSeries;
  private final Counter dropped;

  public SampleStore(AlertConfig config, MeterRegistry registry) {
    this.maxSeries = config.samples().maxSeries();
    this.perSeries = config.samples().perSeries();
    this.dropped =
        Counter.builder("autopilot.samples.dropped")
            .description("Samples dropped: a new series beyond alert.samples.max-series")
            .register(registry);
    Gauge.builder("autopilot.samples.series", series, Map::size)
        .description("Series held for samples rules")
        .register(registry);
  }

  /** One stored series. */
  record Entry(String metric, Map<String, String> labels, SeriesBuffer buffer) {}

  /** Adds a sample; false when dropped (too many series, or not newer than the last). */
  public boolean add(String metric, Map<String, String> labels, double value, Instant at) {
    Map<String, String> l = labels == null ? Map.of() : Map.copyOf(labels);
    String key = Fingerprint.of(metric, l);
    Entry entry = series.get(key);
    if (entry == null) {
      if (series.size() >= maxSeries) {
        dropped.increment();
        return false;
      }
      entry = series.computeIfAbsent(key, k -> new Entry(metric, l, new SeriesBuffer(perSeries)));
    }
    return entry.buffer().add(at.toEpochMilli(), value);
  }

  /** Visits the series of a metric whose labels match every matcher. */
  void forEach(
      String metric, List<Matcher> matchers, BiConsumer<Map<String, String>, SeriesBuffer> visit) {
    for (Entry e : series.values()) {
      if (e.metric().equals(metric) && Matchers.all(matchers, e.labels())) {
        visit.accept(e.labels(), e.buffer());
      }
    }
  }

  /** How many series are held. */
  public int size() {
    return series.size();
  }
}
