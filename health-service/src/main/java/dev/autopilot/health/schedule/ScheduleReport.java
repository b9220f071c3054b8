package dev.autopilot.health.schedule;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the scheduler did since the last report: probes started, their schedule lag (exact
 * percentiles over every start, not a histogram's buckets), missed intervals and deferrals. Cheap
 * enough to keep always on (one long per probe start, at most {@link #CAPACITY} per report) and
 * readable without scraping {@code /q/metrics}, whose per-target series grow with the targets.
 */
final class ScheduleReport {
  static final int CAPACITY = 1 << 20;

  private long[] lagsMillis = new long[1024];
  private int count;
  private long started;
  private long missed;
  private long deferred;
  private long since;

  ScheduleReport(long nowNanos) {
    this.since = nowNanos;
  }

  synchronized void started(long lagMillis, long missedIntervals) {
    started++;
    missed += missedIntervals;
    if (count == lagsMillis.length && count < CAPACITY) {
      lagsMillis = Arrays.copyOf(lagsMillis, Math.min(CAPACITY, count * 2));
    }
    if (count < lagsMillis.length) {
      lagsMillis[count++] = lagMillis;
    }
  }

  synchronized void deferred(long probes) {
    deferred += probes;
  }

  /** The summary since the last call, and starts afresh; null when nothing was started. */
  synchronized String drain(long nowNanos) {
    double seconds = (nowNanos - since) / 1e9;
    since = nowNanos;
    if (started == 0 && deferred == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(lagsMillis, count);
    Arrays.sort(sorted);
    String line =
        String.format(
            Locale.ROOT,
            "schedule: %d probes started in %.1f s (%.1f/s), lag p50 %d ms, p99 %d ms, max %d ms;"
                + " %d missed intervals, %d deferred",
            started,
            seconds,
            started / seconds,
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1],
            missed,
            deferred);
    count = 0;
    started = 0;
    missed = 0;
    deferred = 0;
    return line;
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)];
  }
}
