package dev.autopilot.alert.rule.source;

import java.util.Arrays;

/**
 * The recent samples of one series in a fixed-size ring of primitive arrays: {@code capacity}
 * samples at 16 bytes each (a long timestamp and a double), whatever arrives. Samples older than
 * the newest are dropped (out of order or redelivered), so a replayed batch changes nothing.
 * Synchronized: written by the consumer, read by the evaluator.
 */
final class SeriesBuffer {
  private final long[] times;
  private final double[] values;
  private int start;
  private int size;

  SeriesBuffer(int capacity) {
    times = new long[capacity];
    values = new double[capacity];
  }

  /** Adds a sample; false if it is not newer than the newest one. */
  synchronized boolean add(long epochMillis, double value) {
    if (size > 0 && epochMillis <= times[(start + size - 1) % times.length]) {
      return false;
    }
    if (size == times.length) {
      start = (start + 1) % times.length;
      size--;
    }
    int at = (start + size) % times.length;
    times[at] = epochMillis;
    values[at] = value;
    size++;
    return true;
  }

  /** The samples with {@code from < t <= to}, oldest first: [times..., values...]. */
  synchronized Window window(long from, long to) {
    long[] t = new long[size];
    double[] v = new double[size];
    int n = 0;
    for (int i = 0; i < size; i++) {
      int at = (start + i) % times.length;
      if (times[at] > from && times[at] <= to) {
        t[n] = times[at];
        v[n] = values[at];
        n++;
      }
    }
    return new Window(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
  }

  /** The newest sample's time, or {@link Long#MIN_VALUE} when empty. */
  synchronized long newest() {
    return size == 0 ? Long.MIN_VALUE : times[(start + size - 1) % times.length];
  }

  /** Samples of one series in a window, oldest first. */
  record Window(long[] times, double[] values) {}
}
